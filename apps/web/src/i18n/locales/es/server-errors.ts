export default {
  auth: {
    signInRequired: 'Inicia sesión primero: esto requiere un usuario con sesión iniciada.',
    wrongCredentials: 'Correo o contraseña incorrectos.',
    tooManyAttempts: 'Demasiados intentos de inicio de sesión. Vuelve a intentarlo en {{seconds}} s.',
    keyRateLimited:
      'Esta clave de API hizo demasiadas peticiones en el último minuto: vuelve a intentarlo en {{seconds}} s.',
  },
  session: {
    notFound: 'No se encontró la sesión {{id}}.',
    idTaken: 'El ID de sesión "{{id}}" ya está en uso: elige otro.',
    notConnected: 'La sesión {{id}} no está conectada ({{status}}).',
  },
  phone: {
    invalid:
      '"{{value}}" no es un número de teléfono válido: usa el formato internacional con el código de país.',
  },
  url: {
    invalid:
      '"{{value}}" no es una URL a la que Switchboard pueda enviar: usa una dirección completa http:// o https://.',
  },
  media: { tooLarge: 'El archivo es demasiado grande: este tipo de mensaje admite como máximo {{limit}}.' },
  locale: { unsupported: 'Switchboard no habla "{{locale}}": elige uno de {{supported}}.' },
  conversation: {
    assigneeCannotSee:
      'Esa persona no puede ver la sesión {{id}}: asigna la conversación a alguien que sí pueda.',
  },
} as const;
