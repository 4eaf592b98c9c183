export default {
  showMore: 'عرض المزيد',
  showLess: 'عرض أقل',
  cancel: 'إلغاء',
  close: 'إغلاق',
  copy: 'نسخ',
  copied: 'تم النسخ',
  dismiss: 'إخفاء',
  download: 'تنزيل',
  save: 'حفظ',
  delete: 'حذف',
  edit: 'تعديل',
  retry: 'إعادة المحاولة',
  never: 'أبدًا',
  notifications: 'الإشعارات',
  progress: 'التقدّم',
  shownOnce: '<strong>انسخه الآن: لن تراه مرة أخرى.</strong> لا يعرضه Switchboard مرة ثانية.',
  time: {
    justNow: 'الآن',
  },
  errors: {
    network: 'تعذّر الوصول إلى الخادم. تحقّق من الاتصال وأعد المحاولة.',
    unknown: 'حدث خطأ ما.',
  },
  qr: {
    alt: 'رمز QR',
    drawFailed: 'تعذّر رسم رمز QR: {{error}}',
  },
} as const;
