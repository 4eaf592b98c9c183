/**
 * Virtual phones have no profile of their own, so the sandbox gives each number a push name that reads like
 * a person's: the same number always gets the same name, and numbers that share their last digits do not
 * share a name. Names come from the languages the dashboard speaks, so lists look like a real mixed audience.
 */
export const PEOPLE: ReadonlyArray<{ first: readonly string[]; last: readonly string[] }> = [
  {
    // Arabic
    first: [
      'Ahmad',
      'Fatima',
      'Omar',
      'Layla',
      'Youssef',
      'Mariam',
      'Karim',
      'Nour',
      'Hassan',
      'Salma',
      'Tariq',
      'Amira',
      'Khalid',
      'Rania',
      'Ziad',
      'Hala',
    ],
    last: [
      'Haddad',
      'Khoury',
      'Nasser',
      'Saleh',
      'Mansour',
      'Hamdan',
      'Aziz',
      'Farouk',
      'Qasim',
      'Darwish',
      'Sabbagh',
      'Rahman',
      'Yassin',
      'Obeid',
      'Jaber',
      'Halabi',
    ],
  },
  {
    // Portuguese (Brazil)
    first: [
      'João',
      'Ana',
      'Lucas',
      'Beatriz',
      'Gabriel',
      'Juliana',
      'Rafael',
      'Camila',
      'Thiago',
      'Larissa',
      'Mateus',
      'Fernanda',
      'Pedro',
      'Letícia',
      'Bruno',
      'Mariana',
    ],
    last: [
      'Silva',
      'Santos',
      'Oliveira',
      'Souza',
      'Pereira',
      'Costa',
      'Rodrigues',
      'Almeida',
      'Nascimento',
      'Carvalho',
      'Ribeiro',
      'Gomes',
      'Barbosa',
      'Moreira',
      'Cardoso',
      'Teixeira',
    ],
  },
  {
    // Spanish
    first: [
      'Alejandro',
      'Lucía',
      'Diego',
      'Valentina',
      'Javier',
      'Sofía',
      'Carlos',
      'Isabel',
      'Miguel',
      'Daniela',
      'Andrés',
      'Carmen',
      'Pablo',
      'Elena',
      'Mateo',
      'Paula',
    ],
    last: [
      'García',
      'Martínez',
      'López',
      'Hernández',
      'González',
      'Pérez',
      'Sánchez',
      'Ramírez',
      'Torres',
      'Flores',
      'Rivera',
      'Morales',
      'Ortiz',
      'Castillo',
      'Vargas',
      'Romero',
    ],
  },
  {
    // Indonesian
    first: [
      'Budi',
      'Siti',
      'Agus',
      'Dewi',
      'Rizky',
      'Putri',
      'Andi',
      'Ayu',
      'Hendra',
      'Indah',
      'Dimas',
      'Ratna',
      'Fajar',
      'Wulan',
      'Yoga',
      'Sari',
    ],
    last: [
      'Santoso',
      'Wijaya',
      'Saputra',
      'Kusuma',
      'Hidayat',
      'Pratama',
      'Nugroho',
      'Setiawan',
      'Lestari',
      'Gunawan',
      'Susanto',
      'Halim',
      'Purnomo',
      'Wibowo',
      'Rahayu',
      'Hartono',
    ],
  },
  {
    // English
    first: [
      'James',
      'Emily',
      'Oliver',
      'Charlotte',
      'Jack',
      'Amelia',
      'Henry',
      'Grace',
      'Thomas',
      'Chloe',
      'William',
      'Hannah',
      'George',
      'Lucy',
      'Samuel',
      'Olivia',
    ],
    last: [
      'Smith',
      'Johnson',
      'Brown',
      'Taylor',
      'Wilson',
      'Davies',
      'Evans',
      'Walker',
      'Wright',
      'Robinson',
      'Thompson',
      'Hughes',
      'Clarke',
      'Turner',
      'Parker',
      'Bennett',
    ],
  },
];

/** FNV-1a over the digits: stable across runs and machines, spreads neighbouring numbers apart. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // One more mixing round: FNV's low bits change little between numbers that differ only at the end.
  h ^= h >>> 16;
  h = Math.imul(h, 0x45d9f3b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The push name of the virtual phone numbered `phone` (digits only). */
export function personName(phone: string): string {
  const h = hash(phone);
  const people = PEOPLE[h % PEOPLE.length]!;
  return `${people.first[(h >>> 4) % people.first.length]} ${people.last[(h >>> 12) % people.last.length]}`;
}
