export default {
  auth: {
    signInRequired: 'Entre primeiro: isto exige um usuário conectado.',
    wrongCredentials: 'E-mail ou senha incorretos.',
    tooManyAttempts: 'Tentativas de login demais. Tente de novo em {{seconds}} s.',
    keyRateLimited:
      'Esta chave de API fez requisições demais no último minuto: tente de novo em {{seconds}} s.',
  },
  session: {
    notFound: 'Sessão {{id}} não encontrada.',
    idTaken: 'O ID de sessão "{{id}}" já está em uso: escolha outro.',
    notConnected: 'A sessão {{id}} não está conectada ({{status}}).',
  },
  phone: {
    invalid:
      '"{{value}}" não é um número de telefone válido: use o formato internacional com o código do país.',
  },
  url: {
    invalid:
      '"{{value}}" não é uma URL para a qual o Switchboard possa enviar: use um endereço completo http:// ou https://.',
  },
  media: { tooLarge: 'O arquivo é grande demais: este tipo de mensagem aceita no máximo {{limit}}.' },
  locale: { unsupported: 'O Switchboard não fala "{{locale}}": escolha um entre {{supported}}.' },
  conversation: {
    assigneeCannotSee: 'Essa pessoa não tem acesso à sessão {{id}}: atribua a conversa a alguém que tenha.',
  },
} as const;
