export default {
  ownRow: 'Anda tidak dapat mengubah peran sendiri atau menghapus diri sendiri; admin lain bisa.',
  title: 'Pengguna',
  description:
    'Siapa saja yang bisa masuk. Operator hanya melihat dan mengelola sesinya sendiri; admin melihat semuanya dan mengelola pengguna.',
  add: 'Tambah pengguna',
  loading: 'Memuat pengguna…',
  empty: 'Tidak ada pengguna',
  you: 'Anda',
  added: 'Ditambahkan {{date}}',
  resetPassword: 'Atur ulang kata sandi',
  makeOperator: 'Jadikan operator',
  makeAdmin: 'Jadikan admin',
  makeOperatorTitle: 'Jadikan {{name}} operator?',
  makeAdminTitle: 'Jadikan {{name}} admin?',
  nowAdmin: '{{name}} kini admin.',
  nowOperator: '{{name}} kini operator.',
  demoteBody:
    'Pengguna ini hanya akan melihat dan mengelola sesinya sendiri, dan tidak bisa lagi mengelola pengguna.',
  promoteBody:
    'Pengguna ini akan melihat dan mengelola semua sesi, serta bisa menambah, mengubah, dan menghapus pengguna.',
  deleteTitle: 'Hapus {{name}}?',
  deleteConfirm: 'Hapus pengguna',
  deleted: '{{name}} telah dihapus.',
  deleteBody:
    '<strong>{{email}}</strong> tidak bisa masuk lagi dan langsung dikeluarkan dari semua perangkat.',
  deleteAfter: 'Sesi miliknya harus dihapus terlebih dahulu. Tindakan ini tidak dapat dibatalkan.',
  roles: {
    operator: { label: 'Operator', description: 'Hanya melihat dan mengelola sesinya sendiri.' },
    admin: { label: 'Admin', description: 'Melihat semua sesi dan mengelola pengguna.' },
  },
  dialog: {
    title: 'Tambah pengguna',
    description: 'Berikan email dan kata sandinya; pengguna bisa langsung masuk.',
    name: 'Nama',
    role: 'Peran',
    submit: 'Buat pengguna',
    createdAdmin: '{{name}} kini bisa masuk sebagai admin.',
    createdOperator: '{{name}} kini bisa masuk sebagai operator.',
  },
  reset: {
    title: 'Atur ulang kata sandi {{name}}',
    description:
      'Ini mengeluarkan <bdi>{{email}}</bdi> dari semua perangkat; pengguna masuk lagi dengan kata sandi baru.',
    password: 'Kata sandi baru',
    submit: 'Tetapkan kata sandi baru',
    done: 'Kata sandi baru ditetapkan untuk {{name}}.',
  },
} as const;
