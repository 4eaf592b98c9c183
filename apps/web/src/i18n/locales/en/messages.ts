/** Sending from an account and following each message's delivery. */
export default {
  status: {
    queued: 'Queued',
    sent: 'Sent',
    delivered: 'Delivered',
    read: 'Read',
    played: 'Played',
    failed: 'Failed',
    unknown: 'Unknown',
    received: 'Received',
  },
  unknownHint: 'WhatsApp may or may not have received it; it will not be re-sent automatically',
  screen: {
    title: 'Messages',
    description: "Send from a connected session and follow each message's delivery live.",
    noSessionTitle: 'No session to send from',
    addSession: 'Add a session',
    noSessionBody:
      'Messages go out through a linked WhatsApp account. Add a session and scan its QR code first.',
    chooseTitle: 'Choose a session',
    chooseBody: 'Pick a connected session to send from; its messages show here.',
  },
  list: {
    title: 'Messages of {{name}}',
    newestFirst: 'Newest first · updates live',
    loading: 'Loading messages…',
    emptyTitle: 'No messages yet',
    emptyBody: 'What this session sends or receives shows up here, with its delivery status.',
    loadOlder: 'Load older',
    to: 'To',
    from: 'From',
  },
  compose: {
    title: 'New message',
    drop: 'Drop to attach',
    from: 'Send from',
    choose: 'Choose a connected session',
    onlyConnected: 'Only connected sessions can send.',
    notConnected:
      '{{name}} is not connected ({{status}}). <link>Open the session</link> to start or link it.',
    limited:
      'WhatsApp limits {{name}} from starting new chats: only people who wrote to it can be messaged now.',
    limitedUntil:
      'WhatsApp limits {{name}} from starting new chats until {{until}}: only people who wrote to it can be messaged now.',
    to: 'To',
    toHint: 'Phone number in international format, with the country code.',
    toMissing: 'Enter the recipient’s phone number.',
    caption: 'Caption',
    afterFile: 'Message (sent after the file)',
    afterPlace: 'Message (sent after the place)',
    message: 'Message',
    characters: 'characters',
    empty: 'Write a message or attach a file.',
    send: 'Send message',
    dropHint: 'or drop or paste a file to attach it',
    sending: 'Sending…',
    sent: 'Sent to {{phone}}.',
    failed: 'Not sent to {{phone}}: {{error}}. Your text is kept, so you can fix it and send again.',
    unconfirmed:
      'WhatsApp has not confirmed the message to {{phone}}: it may have gone out, and is not sent again.',
    check: {
      checking: 'Checking WhatsApp…',
      on: 'On WhatsApp',
      off: 'Not on WhatsApp: a message to this number will fail.',
      unknown: 'Could not check this number on WhatsApp just now.',
    },
  },
} as const;
