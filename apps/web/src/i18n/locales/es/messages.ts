export default {
  status: {
    queued: 'En cola',
    sent: 'Enviado',
    delivered: 'Entregado',
    read: 'Leído',
    played: 'Reproducido',
    failed: 'Fallido',
    unknown: 'Desconocido',
    received: 'Recibido',
  },
  unknownHint: 'Puede que WhatsApp lo haya recibido o no; no se reenviará automáticamente',
  screen: {
    title: 'Mensajes',
    description: 'Envía desde una sesión conectada y sigue la entrega de cada mensaje en vivo.',
    noSessionTitle: 'No hay ninguna sesión desde la que enviar',
    addSession: 'Añadir una sesión',
    noSessionBody:
      'Los mensajes salen por una cuenta de WhatsApp vinculada. Añade una sesión y escanea su código QR primero.',
    chooseTitle: 'Elige una sesión',
    chooseBody: 'Elige una sesión conectada desde la que enviar; sus mensajes aparecen aquí.',
  },
  list: {
    title: 'Mensajes de {{name}}',
    newestFirst: 'Los más nuevos primero · se actualiza en vivo',
    loading: 'Cargando mensajes…',
    emptyTitle: 'Aún no hay mensajes',
    emptyBody: 'Lo que esta sesión envía o recibe aparece aquí, con su estado de entrega.',
    loadOlder: 'Cargar anteriores',
    to: 'Para',
    from: 'De',
  },
  compose: {
    title: 'Nuevo mensaje',
    drop: 'Suelta para adjuntar',
    from: 'Enviar desde',
    choose: 'Elige una sesión conectada',
    onlyConnected: 'Solo las sesiones conectadas pueden enviar.',
    notConnected:
      '{{name}} no está conectada ({{status}}). <link>Abre la sesión</link> para iniciarla o vincularla.',
    limited:
      'WhatsApp impide a {{name}} iniciar chats nuevos: ahora solo se puede escribir a quien le escribió.',
    limitedUntil:
      'WhatsApp impide a {{name}} iniciar chats nuevos hasta {{until}}: ahora solo se puede escribir a quien le escribió.',
    to: 'Para',
    toHint: 'Número de teléfono en formato internacional, con el código de país.',
    toMissing: 'Escribe el número de teléfono del destinatario.',
    caption: 'Pie de foto',
    afterFile: 'Mensaje (se envía después del archivo)',
    afterPlace: 'Mensaje (se envía después de la ubicación)',
    message: 'Mensaje',
    characters: 'caracteres',
    empty: 'Escribe un mensaje o adjunta un archivo.',
    send: 'Enviar mensaje',
    dropHint: 'o suelta o pega un archivo para adjuntarlo',
    sending: 'Enviando…',
    sent: 'Enviado a {{phone}}.',
    failed:
      'No se envió a {{phone}}: {{error}}. Tu texto sigue aquí para que lo corrijas y lo vuelvas a enviar.',
    unconfirmed:
      'WhatsApp no confirmó el mensaje a {{phone}}: puede que haya salido, y no se volverá a enviar.',
    check: {
      checking: 'Comprobando en WhatsApp…',
      on: 'Está en WhatsApp',
      off: 'No está en WhatsApp: un mensaje a este número fallará.',
      unknown: 'No se pudo comprobar este número en WhatsApp ahora mismo.',
    },
  },
} as const;
