export default {
  showMore: 'Mostrar más',
  showLess: 'Mostrar menos',
  cancel: 'Cancelar',
  close: 'Cerrar',
  copy: 'Copiar',
  copied: 'Copiado',
  dismiss: 'Descartar',
  download: 'Descargar',
  save: 'Guardar',
  delete: 'Eliminar',
  edit: 'Editar',
  retry: 'Reintentar',
  never: 'Nunca',
  live: 'En vivo',
  notifications: 'Notificaciones',
  progress: 'Progreso',
  shownOnce:
    '<strong>Cópiala ahora: no la volverás a ver.</strong> Switchboard no la muestra una segunda vez.',
  time: {
    justNow: 'ahora mismo',
  },
  errors: {
    network: 'No se puede conectar con el servidor. Revisa la conexión e inténtalo de nuevo.',
    unknown: 'Algo salió mal.',
  },
  qr: {
    alt: 'Código QR',
    drawFailed: 'No se pudo dibujar el código QR: {{error}}',
  },
} as const;
