export default {
  status: {
    queued: 'Na fila',
    sent: 'Enviada',
    delivered: 'Entregue',
    read: 'Lida',
    played: 'Reproduzida',
    failed: 'Falhou',
    unknown: 'Desconhecido',
    received: 'Recebida',
  },
  unknownHint: 'O WhatsApp pode ou não ter recebido; ela não será reenviada automaticamente',
  screen: {
    title: 'Mensagens',
    description: 'Envie de uma sessão conectada e acompanhe a entrega de cada mensagem ao vivo.',
    noSessionTitle: 'Nenhuma sessão para enviar',
    addSession: 'Adicionar uma sessão',
    noSessionBody:
      'As mensagens saem por uma conta de WhatsApp conectada. Adicione uma sessão e leia o código QR dela primeiro.',
    chooseTitle: 'Escolha uma sessão',
    chooseBody: 'Escolha uma sessão conectada para enviar; as mensagens dela aparecem aqui.',
  },
  list: {
    title: 'Mensagens de {{name}}',
    newestFirst: 'Mais novas primeiro · atualiza ao vivo',
    loading: 'Carregando mensagens…',
    emptyTitle: 'Nenhuma mensagem ainda',
    emptyBody: 'O que esta sessão envia ou recebe aparece aqui, com o status de entrega.',
    loadOlder: 'Carregar anteriores',
    to: 'Para',
    from: 'De',
  },
  compose: {
    title: 'Nova mensagem',
    drop: 'Solte para anexar',
    from: 'Enviar de',
    choose: 'Escolha uma sessão conectada',
    onlyConnected: 'Só sessões conectadas podem enviar.',
    notConnected:
      '{{name}} não está conectada ({{status}}). <link>Abra a sessão</link> para iniciá-la ou conectá-la.',
    limited:
      'O WhatsApp impede {{name}} de iniciar conversas novas: agora só é possível responder a quem escreveu para ela.',
    limitedUntil:
      'O WhatsApp impede {{name}} de iniciar conversas novas até {{until}}: agora só é possível responder a quem escreveu para ela.',
    to: 'Para',
    toHint: 'Número de telefone no formato internacional, com o código do país.',
    toMissing: 'Informe o número de telefone do destinatário.',
    caption: 'Legenda',
    afterFile: 'Mensagem (enviada depois do arquivo)',
    afterPlace: 'Mensagem (enviada depois do local)',
    message: 'Mensagem',
    characters: 'caracteres',
    empty: 'Escreva uma mensagem ou anexe um arquivo.',
    send: 'Enviar mensagem',
    dropHint: 'ou solte ou cole um arquivo para anexar',
    sending: 'Enviando…',
    sent: 'Enviada para {{phone}}.',
    failed:
      'Não enviada para {{phone}}: {{error}}. Seu texto continua aqui para você corrigir e enviar de novo.',
    unconfirmed:
      'O WhatsApp não confirmou a mensagem para {{phone}}: ela pode ter saído e não será enviada de novo.',
    check: {
      checking: 'Verificando no WhatsApp…',
      on: 'Está no WhatsApp',
      off: 'Não está no WhatsApp: uma mensagem para este número vai falhar.',
      unknown: 'Não foi possível verificar este número no WhatsApp agora.',
    },
  },
} as const;
