export default {
  auth: {
    signInRequired: 'سجّل الدخول أولًا: هذا يتطلب مستخدمًا مسجّل الدخول.',
    wrongCredentials: 'البريد الإلكتروني أو كلمة المرور غير صحيحة.',
    tooManyAttempts: 'محاولات تسجيل دخول كثيرة جدًا. حاول مجددًا بعد {{seconds}} ث.',
    keyRateLimited: 'أرسل مفتاح API هذا طلبات كثيرة جدًا خلال الدقيقة الأخيرة: حاول مجددًا بعد {{seconds}} ث.',
  },
  session: {
    notFound: 'الجلسة {{id}} غير موجودة.',
    idTaken: 'معرّف الجلسة "{{id}}" مستخدم بالفعل: اختر معرّفًا آخر.',
    notConnected: 'الجلسة {{id}} غير متصلة ({{status}}).',
  },
  phone: { invalid: '"{{value}}" ليس رقم هاتف صالحًا: اكتبه بالصيغة الدولية مع رمز الدولة.' },
  url: {
    invalid:
      '"{{value}}" ليس عنوانًا يستطيع Switchboard الإرسال إليه: استخدم عنوان http://‎ أو https://‎ كاملًا.',
  },
  media: { tooLarge: 'الملف كبير جدًا: الحد الأقصى لهذا النوع من الرسائل {{limit}}.' },
  locale: { unsupported: 'لا يتحدث Switchboard اللغة "{{locale}}": اختر إحدى اللغات {{supported}}.' },
  conversation: {
    assigneeCannotSee: 'هذا الشخص لا يمكنه رؤية الجلسة {{id}}: أسند المحادثة إلى شخص يمكنه رؤيتها.',
  },
} as const;
