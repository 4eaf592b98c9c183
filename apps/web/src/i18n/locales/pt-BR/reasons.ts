export default {
  text: '{{text}}',
  session: {
    engineDisabled: 'O mecanismo {{engine}} não está ativado neste servidor.',
    engineCreateFailed: 'Não foi possível criar a sessão do mecanismo: {{error}}',
    startTimeout: 'A sessão não iniciou em {{seconds}} s.',
    linkTimeout: 'A sessão não terminou de conectar em {{seconds}} s.',
    retrying: '{{cause}} — nova tentativa em {{seconds}} s (tentativa {{attempt}}).',
    loggedOut: 'Sessão encerrada.',
    serverRestarted: 'O servidor foi reiniciado.',
    serverShutDown: 'O servidor foi desligado.',
    qrNotScanned: 'O QR code não foi escaneado a tempo.',
    sandboxDrop: 'A conexão caiu (queda na rede do sandbox).',
    phoneUnlinked: 'O celular desconectou este aparelho.',
    deviceRemoved: 'Sessão encerrada: o aparelho conectado foi removido no celular.',
    blocked: 'O WhatsApp bloqueou esta conta ({{code}}): confira o celular.',
    sandboxBanned: 'Banida pelo WhatsApp (modelo de risco do sandbox): {{detail}}',
    versionDeprecated:
      'O WhatsApp não aceita mais esta versão do WhatsApp Web: defina ou atualize WEBJS_WEB_VERSION, ou atualize o Switchboard.',
    conflict: 'O WhatsApp Web foi aberto em outro computador.',
    networkRefused: 'O WhatsApp recusou a conexão desta rede.',
    disconnected: 'Desconectado do WhatsApp ({{code}}).',
    notReady:
      'O WhatsApp Web aceitou o login, mas não ficou pronto em {{seconds}} s: fixe uma versão que funcione com WEBJS_WEB_VERSION.',
    loginRejected: 'O WhatsApp não aceitou o login salvo: conecte o celular de novo.',
    browserClosed: 'O navegador fechou inesperadamente.',
    pageCrashed: 'A página do WhatsApp Web travou: {{error}}',
    noBrowser: 'Nenhum Chrome ou Chromium encontrado: instale o Chromium ou defina CHROME_PATH.',
    unreachable: 'Não foi possível acessar {{host}} ({{error}}): verifique a rede ou o proxy deste servidor.',
    webLoadTimeout: 'O WhatsApp Web não carregou em {{seconds}} s.',
    webNotStarted:
      'O WhatsApp Web abriu, mas não iniciou ({{detail}}): a rede pode estar lenta demais, ou o WhatsApp Web mudou — fixe uma versão que funcione com WEBJS_WEB_VERSION.',
    webVersionUnloadable:
      'Não foi possível carregar a versão {{version}} do WhatsApp Web: confira WEBJS_WEB_VERSION e WEBJS_WEB_VERSION_URL, ou remova a versão fixada.',
    profileInUse:
      'Outro Chromium ainda está usando o perfil desta sessão e não pôde ser encerrado: {{detail}}',
    browserNotStarted: 'O Chromium não conseguiu iniciar: {{detail}}',
    browserClosedLoading: 'O navegador fechou enquanto o WhatsApp Web carregava.',
  },
  message: {
    notConnected: 'Não enviada: a conta não estava conectada.',
    notOnWhatsapp: 'Este número não está no WhatsApp.',
    noLid: 'O WhatsApp ainda não consegue falar com este contato: peça que ele escreva primeiro.',
    reachOutLimited:
      'O WhatsApp está impedindo esta conta de iniciar novas conversas: só quem escreveu para ela pode receber mensagens agora.',
    sendError: 'O WhatsApp não conseguiu enviar: {{detail}}',
    timeout:
      'O WhatsApp não confirmou a mensagem a tempo; ela não será reenviada — uma confirmação de entrega vai esclarecer.',
    noId: 'O WhatsApp aceitou a mensagem sem dar um id, então as confirmações dela não podem ser associadas.',
    reportedFailed: 'O WhatsApp informou que a mensagem falhou.',
    serverStopped: 'Não enviada: o servidor parou antes de enviá-la.',
    optedOut: 'Na lista de descadastro.',
    interrupted:
      'O servidor parou enquanto esta mensagem era enviada: ela pode ter chegado, então não será reenviada automaticamente.',
  },
  campaign: {
    operator: 'Pausada pelo operador. Retome para continuar de onde parou; ninguém recebe duas vezes.',
    accountBanned:
      'O WhatsApp baniu {{account}}: {{cause}} Este número não pode mais enviar; cancele a campanha ou envie de outra conta.',
    accountDown:
      '{{account}} está {{status}}. A campanha continua sozinha quando a conta se conectar de novo.',
    accountLimited:
      'O WhatsApp impede {{account}} de escrever para quem não tem conversa com ela. A campanha continua sozinha quando o limite acabar; as respostas seguem sendo enviadas.',
    outsideHours:
      'Fora do horário de envio ({{start}}–{{end}}, {{timeZone}}). A campanha continua sozinha quando ele começar.',
    dailyCap:
      '{{account}} atingiu o limite de {{cap}} mensagens de campanha em 24 horas. A campanha continua sozinha conforme elas envelhecem.',
    newContactCap:
      '{{account}} atingiu o limite de {{cap}} primeiras mensagens em 24 horas para quem nunca escreveu. A campanha continua sozinha conforme elas envelhecem.',
    failureStreak:
      'Mensagens falharam {{streak}} vezes seguidas (a última: {{cause}}). Verifique a conta e os números e depois retome.',
    noAccount:
      'A campanha não tem conta para enviar: a sessão dela, ou todas as sessões do grupo, não existem mais.',
    sameWording:
      'Todos recebem o mesmo texto: adicione um segundo para que as mensagens não sejam idênticas.',
  },
  attention: {
    failed: 'A sessão falhou.',
    loggedOut: 'O WhatsApp encerrou esta sessão: conecte de novo com um novo QR code.',
    stuck: '{{statusLabel}} há {{minutes}} min.',
    limited: 'O WhatsApp limita novas conversas desta conta.',
  },
  import: {
    noPhone: 'Nenhum número de telefone nesta linha.',
    notAPhone:
      'Não é um número de telefone: use o formato internacional com o código do país, ex. +5511912345678.',
    invalidPhone: 'Número de telefone inválido: confira o código do país e a quantidade de dígitos.',
  },
  template: {
    empty: 'Escreva a mensagem.',
    unnamed: '"{{placeholder}}" não indica nenhuma variável: escreva {{example}}.',
    unclosed:
      'Um campo variável não foi fechado: escreva as variáveis como {{example}} ou {{exampleFallback}}.',
  },
  tag: {
    empty: 'A etiqueta não pode ficar vazia.',
    tooLong: 'As etiquetas têm no máximo {{max}} caracteres.',
    characters:
      '"{{tag}}": etiquetas usam letras, números, espaços, "-", "_" e ".", começando com letra ou número.',
  },
  pacing: {
    gapOrder: 'O intervalo mais longo precisa ser pelo menos igual ao mais curto.',
    gapFixed: 'Um intervalo fixo é o que o WhatsApp detecta: deixe o mais longo maior que o mais curto.',
    gapTooLong: 'Os intervalos podem ter no máximo um dia.',
    batchPause: 'Defina quantos minutos pausar após cada lote, ou desative os lotes.',
    dailyCap: 'O limite diário precisa ser pelo menos 1.',
    newContacts: 'O limite de novos contatos não pode ser negativo.',
    failureStreak: 'Pause após pelo menos 1 mensagem com falha seguida.',
    hoursFormat: 'O horário de envio usa horas como 09:00.',
    hoursEqual: 'O horário de envio não pode começar e terminar na mesma hora.',
    noDays: 'Escolha pelo menos um dia para enviar.',
    daysRange: 'Os dias vão de 1 (segunda) a 7 (domingo).',
    timeZone: '"{{timeZone}}" não é um fuso horário conhecido.',
    riskGap: 'Intervalos menores que {{seconds}} s entre mensagens fazem a conta parecer automatizada.',
    riskBatches:
      'Sem uma pausa de {{minutes}} min a cada {{messages}} mensagens, envios longos parecem automatizados.',
    riskNight: 'Mensagens à noite incomodam, e quem se incomoda denuncia como spam.',
    riskDailyCap: 'Mais de {{cap}} mensagens de campanha por dia arrisca um banimento.',
    riskWarmup: 'Contas novas que enviam muito são banidas primeiro: mantenha o aquecimento ligado.',
    riskNewContacts:
      'Mais de {{cap}} primeiras mensagens por dia para quem nunca escreveu arrisca o limite de contato do WhatsApp.',
    riskFailures: 'Continuar depois de {{streak}} falhas seguidas é insistir no mesmo problema.',
  },
} as const;
