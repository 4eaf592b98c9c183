export default {
  status: {
    queued: 'Dalam antrean',
    sent: 'Terkirim',
    delivered: 'Diterima',
    read: 'Dibaca',
    played: 'Diputar',
    failed: 'Gagal',
    unknown: 'Tidak diketahui',
    received: 'Masuk',
  },
  unknownHint: 'WhatsApp mungkin sudah atau belum menerimanya; pesan tidak akan dikirim ulang otomatis',
  screen: {
    title: 'Pesan',
    description: 'Kirim dari sesi yang terhubung dan pantau pengiriman setiap pesan secara langsung.',
    noSessionTitle: 'Tidak ada sesi untuk mengirim',
    addSession: 'Tambah sesi',
    noSessionBody:
      'Pesan dikirim lewat akun WhatsApp yang tertaut. Tambahkan sesi dan pindai kode QR-nya terlebih dahulu.',
    chooseTitle: 'Pilih sesi',
    chooseBody: 'Pilih sesi yang terhubung untuk mengirim; pesannya tampil di sini.',
  },
  list: {
    title: 'Pesan dari {{name}}',
    newestFirst: 'Terbaru di atas · diperbarui langsung',
    loading: 'Memuat pesan…',
    emptyTitle: 'Belum ada pesan',
    emptyBody:
      'Pesan yang dikirim atau diterima sesi ini tampil di sini, lengkap dengan status pengirimannya.',
    loadOlder: 'Muat yang lebih lama',
    to: 'Kepada',
    from: 'Dari',
  },
  compose: {
    title: 'Pesan baru',
    drop: 'Lepas untuk melampirkan',
    from: 'Kirim dari',
    choose: 'Pilih sesi yang terhubung',
    onlyConnected: 'Hanya sesi yang terhubung yang bisa mengirim.',
    notConnected:
      '{{name}} tidak terhubung ({{status}}). <link>Buka sesinya</link> untuk memulai atau menautkannya.',
    limited:
      'WhatsApp membatasi {{name}} untuk memulai chat baru: saat ini hanya orang yang pernah mengirim pesan yang bisa dihubungi.',
    limitedUntil:
      'WhatsApp membatasi {{name}} untuk memulai chat baru hingga {{until}}: saat ini hanya orang yang pernah mengirim pesan yang bisa dihubungi.',
    to: 'Kepada',
    toHint: 'Nomor telepon dalam format internasional, dengan kode negara.',
    toMissing: 'Masukkan nomor telepon penerima.',
    caption: 'Keterangan',
    afterFile: 'Pesan (dikirim setelah berkas)',
    afterPlace: 'Pesan (dikirim setelah lokasi)',
    message: 'Pesan',
    characters: 'karakter',
    empty: 'Tulis pesan atau lampirkan berkas.',
    send: 'Kirim pesan',
    dropHint: 'atau lepas atau tempel berkas untuk melampirkannya',
    sending: 'Mengirim…',
    sent: 'Terkirim ke {{phone}}.',
    failed:
      'Tidak terkirim ke {{phone}}: {{error}}. Teks Anda tetap ada, jadi bisa diperbaiki dan dikirim lagi.',
    unconfirmed:
      'WhatsApp belum mengonfirmasi pesan ke {{phone}}: mungkin sudah terkirim, dan tidak akan dikirim ulang.',
    check: {
      checking: 'Memeriksa di WhatsApp…',
      on: 'Ada di WhatsApp',
      off: 'Tidak ada di WhatsApp: pesan ke nomor ini akan gagal.',
      unknown: 'Nomor ini tidak bisa diperiksa di WhatsApp sekarang.',
    },
  },
} as const;
