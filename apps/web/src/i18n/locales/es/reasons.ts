export default {
  text: '{{text}}',
  session: {
    engineDisabled: 'El motor {{engine}} no está activado en este servidor.',
    engineCreateFailed: 'No se pudo crear la sesión del motor: {{error}}',
    startTimeout: 'La sesión no se inició en {{seconds}} s.',
    linkTimeout: 'La sesión no terminó de vincularse en {{seconds}} s.',
    retrying: '{{cause}} — se reintenta en {{seconds}} s (intento {{attempt}}).',
    loggedOut: 'Sesión cerrada.',
    serverRestarted: 'El servidor se reinició.',
    serverShutDown: 'El servidor se apagó.',
    qrNotScanned: 'El código QR no se escaneó a tiempo.',
    sandboxDrop: 'Se cortó la conexión (caída de la red del sandbox).',
    phoneUnlinked: 'El teléfono desvinculó este dispositivo.',
    deviceRemoved: 'Sesión cerrada: el dispositivo vinculado se eliminó en el teléfono.',
    blocked: 'WhatsApp bloqueó esta cuenta ({{code}}): revisa el teléfono.',
    sandboxBanned: 'Suspendida por WhatsApp (modelo de riesgo del sandbox): {{detail}}',
    versionDeprecated:
      'WhatsApp ya no acepta esta versión de WhatsApp Web: define o actualiza WEBJS_WEB_VERSION, o actualiza Switchboard.',
    conflict: 'Se abrió WhatsApp Web en otra computadora.',
    networkRefused: 'WhatsApp rechazó la conexión desde esta red.',
    disconnected: 'Desconectado de WhatsApp ({{code}}).',
    notReady:
      'WhatsApp Web aceptó el inicio de sesión pero no estuvo listo en {{seconds}} s: fija una versión que funcione con WEBJS_WEB_VERSION.',
    loginRejected: 'WhatsApp no aceptó la sesión guardada: vuelve a vincular el teléfono.',
    browserClosed: 'El navegador se cerró de forma inesperada.',
    pageCrashed: 'La página de WhatsApp Web falló: {{error}}',
    noBrowser: 'No se encontró Chrome ni Chromium: instala Chromium o configura CHROME_PATH.',
    unreachable: 'No se puede llegar a {{host}} ({{error}}): revisa la red o el proxy de este servidor.',
    webLoadTimeout: 'WhatsApp Web no cargó en {{seconds}} s.',
    webNotStarted:
      'WhatsApp Web se abrió pero no arrancó ({{detail}}): puede que la red sea demasiado lenta o que WhatsApp Web haya cambiado — fija una versión que funcione con WEBJS_WEB_VERSION.',
    webVersionUnloadable:
      'No se pudo cargar la versión {{version}} de WhatsApp Web: revisa WEBJS_WEB_VERSION y WEBJS_WEB_VERSION_URL, o quita la versión fijada.',
    profileInUse: 'Otro Chromium sigue usando el perfil de esta sesión y no se pudo cerrar: {{detail}}',
    browserNotStarted: 'Chromium no pudo arrancar: {{detail}}',
    browserClosedLoading: 'El navegador se cerró mientras cargaba WhatsApp Web.',
  },
  message: {
    notConnected: 'No enviado: la cuenta no estaba conectada.',
    notOnWhatsapp: 'Este número no está en WhatsApp.',
    noLid: 'WhatsApp todavía no puede escribir a este contacto: pídele que escriba primero.',
    reachOutLimited:
      'WhatsApp impide a esta cuenta iniciar chats nuevos: ahora solo se puede escribir a quien le escribió.',
    sendError: 'WhatsApp no pudo enviarlo: {{detail}}',
    timeout:
      'WhatsApp no confirmó el mensaje a tiempo; no se vuelve a enviar: un acuse de recibo lo aclarará.',
    noId: 'WhatsApp aceptó el mensaje sin darle un id, así que sus acuses no se pueden asociar.',
    reportedFailed: 'WhatsApp informó que el mensaje falló.',
    serverStopped: 'No enviado: el servidor se detuvo antes de enviarlo.',
    optedOut: 'En la lista de bajas.',
    interrupted:
      'El servidor se detuvo mientras se enviaba este mensaje: puede que haya llegado, así que no se reenvía por sí solo.',
  },
  campaign: {
    operator: 'Pausada por el operador. Reanúdala para seguir donde se detuvo; nadie recibe dos veces.',
    accountBanned:
      'WhatsApp suspendió {{account}}: {{cause}} Este número ya no puede enviar; cancela la campaña o envíala desde otra cuenta.',
    accountDown: '{{account}} está {{status}}. La campaña sigue sola cuando vuelva a conectarse.',
    accountLimited:
      'WhatsApp impide a {{account}} escribir a personas con las que no tiene chat. La campaña sigue sola cuando termine el límite; mientras tanto las respuestas sí salen.',
    outsideHours:
      'Fuera del horario de envío ({{start}}–{{end}}, {{timeZone}}). La campaña sigue sola cuando empiece.',
    dailyCap:
      '{{account}} llegó a su límite de {{cap}} mensajes de campaña en 24 horas. La campaña sigue sola a medida que pasan.',
    newContactCap:
      '{{account}} llegó a su límite de {{cap}} primeros mensajes en 24 horas a personas que nunca le escribieron. La campaña sigue sola a medida que pasan.',
    failureStreak:
      'Fallaron mensajes {{streak}} veces seguidas (el último: {{cause}}). Revisa la cuenta y los números y luego reanuda.',
    noAccount:
      'La campaña no tiene cuenta desde la que enviar: su sesión, o todas las sesiones de su grupo, ya no existen.',
    sameWording: 'Todos reciben el mismo texto: agrega un segundo para que los mensajes no sean idénticos.',
  },
  attention: {
    failed: 'La sesión falló.',
    loggedOut: 'WhatsApp cerró esta sesión: vuelve a vincularla con un código QR nuevo.',
    stuck: '{{statusLabel}} desde hace {{minutes}} min.',
    limited: 'WhatsApp limita los chats nuevos de esta cuenta.',
  },
  import: {
    noPhone: 'No hay número de teléfono en esta fila.',
    notAPhone:
      'No es un número de teléfono: usa el formato internacional con el código de país, p. ej. +5215512345678.',
    invalidPhone: 'Número de teléfono no válido: revisa el código de país y la cantidad de dígitos.',
  },
  template: {
    empty: 'Escribe el mensaje.',
    unnamed: '"{{placeholder}}" no nombra ninguna variable: escribe {{example}}.',
    unclosed: 'Hay un marcador sin cerrar: escribe las variables como {{example}} o {{exampleFallback}}.',
  },
  tag: {
    empty: 'Una etiqueta no puede estar vacía.',
    tooLong: 'Las etiquetas tienen como máximo {{max}} caracteres.',
    characters:
      '"{{tag}}": las etiquetas llevan letras, números, espacios, "-", "_" y ".", y empiezan con letra o número.',
  },
  pacing: {
    gapOrder: 'La pausa más larga debe ser al menos igual a la más corta.',
    gapFixed: 'Una pausa fija es justo lo que detecta WhatsApp: haz la más larga mayor que la más corta.',
    gapTooLong: 'Las pausas pueden durar como máximo un día.',
    batchPause: 'Indica cuántos minutos pausar tras cada lote, o desactiva los lotes.',
    dailyCap: 'El límite diario debe ser al menos 1.',
    newContacts: 'El límite de contactos nuevos no puede ser negativo.',
    failureStreak: 'Pausa tras al menos 1 mensaje fallido seguido.',
    hoursFormat: 'El horario de envío usa horas como 09:00.',
    hoursEqual: 'El horario de envío no puede empezar y terminar a la misma hora.',
    noDays: 'Elige al menos un día de envío.',
    daysRange: 'Los días van del 1 (lunes) al 7 (domingo).',
    timeZone: '"{{timeZone}}" no es una zona horaria conocida.',
    riskGap: 'Pausas de menos de {{seconds}} s entre mensajes hacen que la cuenta parezca automatizada.',
    riskBatches:
      'Sin una pausa de {{minutes}} min cada {{messages}} mensajes, los envíos largos parecen automatizados.',
    riskNight: 'Los mensajes de noche molestan, y quien se molesta los denuncia como spam.',
    riskDailyCap: 'Más de {{cap}} mensajes de campaña al día arriesga una suspensión.',
    riskWarmup:
      'Las cuentas nuevas que envían mucho son las primeras suspendidas: deja activado el calentamiento.',
    riskNewContacts:
      'Más de {{cap}} primeros mensajes al día a quienes nunca escribieron arriesga el límite de contacto de WhatsApp.',
    riskFailures: 'Seguir tras {{streak}} fallos seguidos es chocar una y otra vez con el mismo problema.',
  },
} as const;
