export default {
  auth: {
    signInRequired: 'Masuk terlebih dahulu: ini memerlukan pengguna yang sudah masuk.',
    wrongCredentials: 'Email atau kata sandi salah.',
    tooManyAttempts: 'Terlalu banyak percobaan masuk. Coba lagi dalam {{seconds}} dtk.',
    keyRateLimited:
      'Kunci API ini mengirim terlalu banyak permintaan dalam semenit terakhir: coba lagi dalam {{seconds}} dtk.',
  },
  session: {
    notFound: 'Sesi {{id}} tidak ditemukan.',
    idTaken: 'ID sesi "{{id}}" sudah dipakai: pilih ID lain.',
    notConnected: 'Sesi {{id}} tidak terhubung ({{status}}).',
  },
  phone: {
    invalid: '"{{value}}" bukan nomor telepon yang valid: gunakan format internasional dengan kode negara.',
  },
  url: {
    invalid:
      '"{{value}}" bukan URL yang dapat dituju Switchboard: gunakan alamat http:// atau https:// lengkap.',
  },
  media: { tooLarge: 'Berkas terlalu besar: jenis pesan ini maksimal {{limit}}.' },
  locale: {
    unsupported: 'Switchboard tidak mendukung bahasa "{{locale}}": pilih salah satu dari {{supported}}.',
  },
  conversation: {
    assigneeCannotSee: 'Orang itu tidak dapat melihat sesi {{id}}: tugaskan percakapan ke orang yang bisa.',
  },
} as const;
