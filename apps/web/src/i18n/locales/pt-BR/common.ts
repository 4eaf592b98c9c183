export default {
  showMore: 'Mostrar mais',
  showLess: 'Mostrar menos',
  cancel: 'Cancelar',
  close: 'Fechar',
  copy: 'Copiar',
  copied: 'Copiado',
  dismiss: 'Dispensar',
  download: 'Baixar',
  save: 'Salvar',
  delete: 'Excluir',
  edit: 'Editar',
  retry: 'Tentar de novo',
  never: 'Nunca',
  live: 'Ao vivo',
  notifications: 'Notificações',
  progress: 'Progresso',
  shownOnce:
    '<strong>Copie agora: você não vai vê-lo de novo.</strong> O Switchboard não o mostra uma segunda vez.',
  time: {
    justNow: 'agora mesmo',
  },
  errors: {
    network: 'Não foi possível falar com o servidor. Verifique a conexão e tente de novo.',
    unknown: 'Algo deu errado.',
  },
  qr: {
    alt: 'Código QR',
    drawFailed: 'Não foi possível desenhar o código QR: {{error}}',
  },
} as const;
