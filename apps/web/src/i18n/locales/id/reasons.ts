export default {
  text: '{{text}}',
  session: {
    engineDisabled: 'Mesin {{engine}} tidak diaktifkan di server ini.',
    engineCreateFailed: 'Sesi mesin tidak dapat dibuat: {{error}}',
    startTimeout: 'Sesi tidak dimulai dalam {{seconds}} dtk.',
    linkTimeout: 'Sesi tidak selesai ditautkan dalam {{seconds}} dtk.',
    retrying: '{{cause}} — dicoba lagi dalam {{seconds}} dtk (percobaan ke-{{attempt}}).',
    loggedOut: 'Sudah keluar.',
    serverRestarted: 'Server dimulai ulang.',
    serverShutDown: 'Server dimatikan.',
    qrNotScanned: 'Kode QR tidak dipindai tepat waktu.',
    sandboxDrop: 'Koneksi terputus (jaringan sandbox putus).',
    phoneUnlinked: 'Ponsel memutus tautan perangkat ini.',
    deviceRemoved: 'Sudah keluar: perangkat tertaut dihapus di ponsel.',
    blocked: 'WhatsApp memblokir akun ini ({{code}}): periksa ponselnya.',
    sandboxBanned: 'Diblokir WhatsApp (model risiko sandbox): {{detail}}',
    versionDeprecated:
      'WhatsApp tidak lagi menerima versi WhatsApp Web ini: atur atau perbarui WEBJS_WEB_VERSION, atau perbarui Switchboard.',
    conflict: 'WhatsApp Web dibuka di komputer lain.',
    networkRefused: 'WhatsApp menolak koneksi dari jaringan ini.',
    disconnected: 'Terputus dari WhatsApp ({{code}}).',
    notReady:
      'WhatsApp Web menerima login tetapi belum siap dalam {{seconds}} dtk: kunci versi yang berfungsi dengan WEBJS_WEB_VERSION.',
    loginRejected: 'WhatsApp tidak menerima login yang tersimpan: tautkan ponsel lagi.',
    browserClosed: 'Browser tertutup tanpa diduga.',
    pageCrashed: 'Halaman WhatsApp Web mogok: {{error}}',
    noBrowser: 'Chrome atau Chromium tidak ditemukan: pasang Chromium atau atur CHROME_PATH.',
    unreachable: 'Tidak dapat menjangkau {{host}} ({{error}}): periksa jaringan atau proxy server ini.',
    webLoadTimeout: 'WhatsApp Web tidak termuat dalam {{seconds}} detik.',
    webNotStarted:
      'WhatsApp Web terbuka tetapi tidak mulai ({{detail}}): jaringan mungkin terlalu lambat, atau WhatsApp Web berubah — kunci versi yang berfungsi dengan WEBJS_WEB_VERSION.',
    webVersionUnloadable:
      'WhatsApp Web versi {{version}} tidak dapat dimuat: periksa WEBJS_WEB_VERSION dan WEBJS_WEB_VERSION_URL, atau lepas kuncian versinya.',
    profileInUse: 'Chromium lain masih memakai profil sesi ini dan tidak dapat dihentikan: {{detail}}',
    browserNotStarted: 'Chromium tidak dapat berjalan: {{detail}}',
    browserClosedLoading: 'Browser tertutup saat WhatsApp Web sedang dimuat.',
  },
  message: {
    notConnected: 'Tidak terkirim: akun tidak terhubung.',
    notOnWhatsapp: 'Nomor ini tidak terdaftar di WhatsApp.',
    noLid: 'WhatsApp belum bisa menghubungi kontak ini: minta dia mengirim pesan lebih dulu.',
    reachOutLimited:
      'WhatsApp membatasi akun ini memulai chat baru: sekarang hanya orang yang pernah mengirim pesan yang bisa dihubungi.',
    sendError: 'WhatsApp tidak dapat mengirimnya: {{detail}}',
    timeout:
      'WhatsApp tidak mengonfirmasi pesan tepat waktu; pesan tidak dikirim ulang — tanda terima akan memastikannya.',
    noId: 'WhatsApp menerima pesan tanpa memberi id, jadi tanda terimanya tidak bisa dicocokkan.',
    reportedFailed: 'WhatsApp melaporkan pesan gagal.',
    serverStopped: 'Tidak terkirim: server berhenti sebelum mengirimnya.',
    optedOut: 'Ada di daftar berhenti berlangganan.',
    interrupted:
      'Server berhenti saat pesan ini sedang dikirim: mungkin sudah sampai, jadi tidak dikirim ulang secara otomatis.',
  },
  campaign: {
    operator:
      'Dijeda oleh operator. Lanjutkan untuk meneruskan dari titik berhenti; tidak ada yang menerima dua kali.',
    accountBanned:
      'WhatsApp memblokir {{account}}: {{cause}} Nomor ini tidak bisa mengirim lagi; batalkan kampanye, atau kirim dari akun lain.',
    accountDown: '{{account}} sedang {{status}}. Kampanye berlanjut sendiri setelah akun terhubung lagi.',
    accountLimited:
      'WhatsApp membatasi {{account}} mengirim pesan ke orang yang belum pernah chat dengannya. Kampanye berlanjut sendiri saat batasan berakhir; balasan tetap terkirim.',
    outsideHours:
      'Di luar jam pengiriman ({{start}}–{{end}}, {{timeZone}}). Kampanye berlanjut sendiri saat jamnya tiba.',
    dailyCap:
      '{{account}} mencapai batas {{cap}} pesan kampanye dalam 24 jam. Kampanye berlanjut sendiri seiring waktu berlalu.',
    newContactCap:
      '{{account}} mencapai batas {{cap}} pesan pertama dalam 24 jam ke orang yang belum pernah mengirim pesan. Kampanye berlanjut sendiri seiring waktu berlalu.',
    failureStreak:
      'Pesan gagal {{streak}} kali berturut-turut (terakhir: {{cause}}). Periksa akun dan nomornya, lalu lanjutkan.',
    noAccount:
      'Kampanye tidak punya akun untuk mengirim: sesinya, atau semua sesi di grupnya, sudah tidak ada.',
    sameWording:
      'Semua orang menerima kalimat yang sama: tambahkan kalimat kedua agar pesannya tidak identik.',
  },
  attention: {
    failed: 'Sesi gagal.',
    loggedOut: 'WhatsApp mengeluarkan sesi ini: tautkan lagi dengan kode QR baru.',
    stuck: '{{statusLabel}} selama {{minutes}} mnt.',
    limited: 'WhatsApp membatasi chat baru dari akun ini.',
  },
  import: {
    noPhone: 'Tidak ada nomor telepon di baris ini.',
    notAPhone: 'Bukan nomor telepon: gunakan format internasional dengan kode negara, mis. +6281234567890.',
    invalidPhone: 'Nomor telepon tidak valid: periksa kode negara dan jumlah digitnya.',
  },
  template: {
    empty: 'Tulis pesannya.',
    unnamed: '"{{placeholder}}" tidak menyebut variabel apa pun: tulis {{example}}.',
    unclosed: 'Ada penanda yang belum ditutup: tulis variabel sebagai {{example}} atau {{exampleFallback}}.',
  },
  tag: {
    empty: 'Label tidak boleh kosong.',
    tooLong: 'Label paling banyak {{max}} karakter.',
    characters: '"{{tag}}": label berisi huruf, angka, spasi, "-", "_" dan ".", diawali huruf atau angka.',
  },
  pacing: {
    gapOrder: 'Jeda terpanjang harus setidaknya sama dengan jeda terpendek.',
    gapFixed:
      'Jeda tetap justru yang dikenali WhatsApp: buat jeda terpanjang lebih lama dari yang terpendek.',
    gapTooLong: 'Jeda paling lama satu hari.',
    batchPause: 'Atur berapa menit jeda setelah tiap kelompok, atau matikan pengelompokan.',
    dailyCap: 'Batas harian minimal 1.',
    newContacts: 'Batas kontak baru tidak boleh negatif.',
    failureStreak: 'Jeda setelah minimal 1 pesan gagal berturut-turut.',
    hoursFormat: 'Jam pengiriman ditulis seperti 09:00.',
    hoursEqual: 'Jam pengiriman tidak boleh mulai dan berakhir pada waktu yang sama.',
    noDays: 'Pilih minimal satu hari pengiriman.',
    daysRange: 'Hari dari 1 (Senin) sampai 7 (Minggu).',
    timeZone: '"{{timeZone}}" bukan zona waktu yang dikenal.',
    riskGap: 'Jeda kurang dari {{seconds}} dtk antarpesan membuat akun terlihat otomatis.',
    riskBatches:
      'Tanpa jeda {{minutes}} mnt setiap {{messages}} pesan, pengiriman panjang terlihat otomatis.',
    riskNight: 'Pesan di malam hari mengganggu, dan orang yang terganggu melaporkannya sebagai spam.',
    riskDailyCap: 'Lebih dari {{cap}} pesan kampanye sehari berisiko diblokir.',
    riskWarmup: 'Akun baru yang banyak mengirim diblokir lebih dulu: biarkan pemanasan tetap aktif.',
    riskNewContacts:
      'Lebih dari {{cap}} pesan pertama sehari ke orang yang belum pernah mengirim pesan berisiko terkena batas jangkauan WhatsApp.',
    riskFailures:
      'Terus mengirim setelah {{streak}} kegagalan berturut-turut berarti menabrak masalah yang sama.',
  },
} as const;
