export default {
  showMore: 'Tampilkan lebih banyak',
  showLess: 'Tampilkan lebih sedikit',
  cancel: 'Batal',
  close: 'Tutup',
  copy: 'Salin',
  copied: 'Tersalin',
  dismiss: 'Tutup',
  download: 'Unduh',
  save: 'Simpan',
  delete: 'Hapus',
  edit: 'Ubah',
  retry: 'Coba lagi',
  never: 'Belum pernah',
  live: 'Langsung',
  notifications: 'Notifikasi',
  progress: 'Kemajuan',
  shownOnce:
    '<strong>Salin sekarang: Anda tidak akan melihatnya lagi.</strong> Switchboard tidak menampilkannya untuk kedua kali.',
  time: {
    justNow: 'baru saja',
  },
  errors: {
    network: 'Server tidak dapat dijangkau. Periksa koneksi lalu coba lagi.',
    unknown: 'Terjadi kesalahan.',
  },
  qr: {
    alt: 'Kode QR',
    drawFailed: 'Kode QR tidak dapat digambar: {{error}}',
  },
} as const;
