export default {
  atMost_other: 'Maksimal {{count}} karakter.',
  atLeast_other: 'Minimal {{count}} karakter.',
  enterName: 'Masukkan nama.',
  enterEmail: 'Masukkan alamat email.',
  emailShape: 'Masukkan alamat email seperti nama@contoh.com.',
  sessionId: {
    empty: 'Masukkan ID (dipakai di API dan sebagai nama folder).',
    uppercase: 'Gunakan huruf kecil saja.',
    start: 'Awali dengan huruf atau angka.',
    characters: 'Hanya huruf kecil, angka, "-" dan "_".',
    taken: 'Sesi dengan ID "{{id}}" sudah ada.',
  },
  phone: {
    letters: 'Gunakan angka saja, misalnya +62 812 3456 7890.',
    too_short: 'Terlalu pendek: sertakan kode negara, misalnya +62 812 3456 7890.',
    shape: 'Gunakan format internasional dengan kode negara, misalnya +62 812 3456 7890.',
    invalid: 'Nomor tidak valid: periksa kode negara dan jumlah digitnya.',
  },
  place: {
    shape: 'Tulis lintang dan bujur dalam derajat, misalnya -6.1754, 106.8272.',
    latitude: 'Lintang (angka pertama) harus antara -90 dan 90.',
    longitude: 'Bujur (angka kedua) harus antara -180 dan 180.',
  },
  url: {
    empty: 'Masukkan URL tujuan pengiriman event.',
    scheme: 'URL harus diawali http:// atau https://.',
    shape: 'Masukkan URL lengkap, misalnya https://example.com/hooks/whatsapp.',
  },
  file: {
    empty: 'Berkasnya kosong.',
    tooLarge: '{{size}} melebihi batas untuk {{type}} ({{limit}}).',
    asDocument: 'Kirim sebagai dokumen.',
  },
  messageTooLong_other: '{{count}} karakter melebihi batas {{max}}.',
} as const;
