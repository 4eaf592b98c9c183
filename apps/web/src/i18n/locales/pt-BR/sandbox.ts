/** Os celulares virtuais do sandbox: conectar uma sessão sem celular de verdade, escrever para ela, o que receberam. */
export default {
  link: {
    title: 'Celular virtual',
    intro:
      'Uma sessão do sandbox não tem celular de verdade: um celular virtual faz a conexão no lugar dele.',
    number: 'Número do celular virtual',
    numberHint: 'Qualquer número no formato internacional; a sessão se conecta com esse número.',
    scan: 'Escanear com um celular virtual',
    enterCode: 'Digitar o código no celular virtual',
    noCode: 'Quando a sessão mostrar um QR code, o celular virtual poderá escaneá-lo.',
  },
  card: {
    title: 'Celulares virtuais',
    badge: 'Sandbox',
  },
  inbound: {
    title: 'Escrever para esta conta',
    from: 'Do celular virtual',
    fromHint: 'Um cliente escrevendo para esta conta: qualquer número, menos o dela.',
    text: 'Mensagem',
    caption: 'Legenda (opcional)',
    empty: 'Escreva uma mensagem ou anexe um arquivo.',
    attach: 'Anexar arquivo',
    otherFile: 'Outro arquivo',
    removeFile: 'Remover {{name}}',
    tooLarge: 'O arquivo é grande demais: o sandbox aceita arquivos de até {{size}}.',
    send: 'Enviar para a conta',
    sent: '{{from}} escreveu para {{name}}.',
    needsConnection:
      'Quando a sessão estiver conectada, os celulares virtuais poderão escrever para ela aqui.',
  },
  network: {
    title: 'Rede',
    hint: 'O que um celular ou a rede faz com uma conta real: veja como sua integração reage.',
    drop: 'Derrubar a conexão',
    dropped: '{{name}} perdeu a conexão e está reconectando.',
    unlink: 'Desconectar do celular',
    unlinkTitle: 'Desconectar {{name}} do celular?',
    unlinkBody:
      'O celular virtual remove o aparelho conectado, como alguém poderia fazer num celular de verdade: a sessão é desconectada e precisa de uma nova leitura.',
  },
  phones: {
    title: 'O que os celulares virtuais receberam',
    refresh: 'Atualizar',
    loading: 'Carregando os celulares virtuais',
    empty: 'Nenhum celular virtual recebeu mensagem das suas contas ainda.',
    received_one: '{{count}} mensagem',
    received_many: '{{count}} de mensagens',
    received_other: '{{count}} mensagens',
    from: 'De',
    file: 'Arquivo',
  },
};
