/**
 * What the server and the shared checks say about sessions, messages, campaigns, imported rows, templates,
 * tags and pacing, by their stable code (`statusReasonCoded`, `errorCoded`, …; see `CODED_REASONS`). In
 * English the dashboard shows the server's own sentence, which can say more; these are the source the other
 * languages translate. `{{cause}}` is the translated sentence a code wraps.
 */
export default {
  text: '{{text}}',
  session: {
    engineDisabled: 'The {{engine}} engine is not enabled on this server.',
    engineCreateFailed: 'Could not create the engine session: {{error}}',
    startTimeout: 'The session did not start within {{seconds}} s.',
    linkTimeout: 'The session did not finish linking within {{seconds}} s.',
    retrying: '{{cause}} — retrying in {{seconds}} s (attempt {{attempt}}).',
    loggedOut: 'Logged out.',
    serverRestarted: 'The server restarted.',
    serverShutDown: 'The server shut down.',
    qrNotScanned: 'The QR code was not scanned in time.',
    sandboxDrop: 'The connection dropped (sandbox network drop).',
    phoneUnlinked: 'The phone unlinked this device.',
    deviceRemoved: 'Logged out: the linked device was removed on the phone.',
    blocked: 'WhatsApp blocked this account ({{code}}): check the phone.',
    sandboxBanned: 'Banned by WhatsApp (sandbox risk model): {{detail}}',
    versionDeprecated:
      'WhatsApp no longer accepts this WhatsApp Web version: set or update WEBJS_WEB_VERSION, or update Switchboard.',
    conflict: 'WhatsApp Web was opened on another computer.',
    networkRefused: 'WhatsApp refused the connection from this network.',
    disconnected: 'Disconnected from WhatsApp ({{code}}).',
    notReady:
      'WhatsApp Web accepted the login but was not ready within {{seconds}} s: pin a working version with WEBJS_WEB_VERSION.',
    loginRejected: 'WhatsApp did not accept the stored login: link the phone again.',
    browserClosed: 'The browser closed unexpectedly.',
    pageCrashed: 'The WhatsApp Web page crashed: {{error}}',
    noBrowser: 'No Chrome or Chromium found: install Chromium or set CHROME_PATH.',
    unreachable: "Cannot reach {{host}} ({{error}}): check this server's network or proxy.",
    webLoadTimeout: 'WhatsApp Web did not load within {{seconds}} s.',
    webNotStarted:
      'WhatsApp Web opened but did not start ({{detail}}): the network may be too slow, or WhatsApp Web changed — pin a working version with WEBJS_WEB_VERSION.',
    webVersionUnloadable:
      'WhatsApp Web version {{version}} could not be loaded: check WEBJS_WEB_VERSION and WEBJS_WEB_VERSION_URL, or remove the pin.',
    profileInUse: "Another Chromium is still using this session's profile and could not be ended: {{detail}}",
    browserNotStarted: 'Chromium could not start: {{detail}}',
    browserClosedLoading: 'The browser closed while WhatsApp Web was loading.',
  },
  message: {
    notConnected: 'Not sent: the account was not connected.',
    notOnWhatsapp: 'This number is not on WhatsApp.',
    noLid: 'WhatsApp cannot address this contact yet: ask them to write first.',
    reachOutLimited:
      'WhatsApp limits this account from starting new chats: only people who wrote to it can be messaged now.',
    sendError: 'WhatsApp could not send it: {{detail}}',
    timeout: 'WhatsApp did not confirm the message in time; it is not sent again — a receipt will settle it.',
    noId: 'WhatsApp took the message but gave no id for it, so its receipts cannot be matched.',
    reportedFailed: 'WhatsApp reported the message as failed.',
    serverStopped: 'Not sent: the server stopped before sending it.',
    optedOut: 'On the opt-out list.',
    interrupted:
      'The server stopped while this message was being sent: it may have arrived, so it is not sent again by itself.',
  },
  campaign: {
    operator: 'Paused by the operator. Resume it to go on where it stopped; nobody is messaged twice.',
    accountBanned:
      'WhatsApp banned {{account}}: {{cause}} This number cannot send any more; cancel the campaign, or send it from another account.',
    accountDown: '{{account}} is {{status}}. The campaign goes on by itself once it is connected again.',
    accountLimited:
      'WhatsApp limits {{account}} from messaging people it has no chat with. The campaign goes on by itself when the limit ends; replies still go out meanwhile.',
    outsideHours:
      'Outside the sending hours ({{start}}–{{end}}, {{timeZone}}). The campaign goes on by itself when they begin.',
    dailyCap:
      '{{account}} reached its cap of {{cap}} campaign messages in 24 hours. The campaign goes on by itself as they age.',
    newContactCap:
      '{{account}} reached its cap of {{cap}} first messages in 24 hours to people who never wrote to it. The campaign goes on by itself as they age.',
    failureStreak:
      'Messages failed {{streak}} times in a row (the last: {{cause}}). Check the account and the numbers, then resume.',
    noAccount: 'The campaign has no account to send from: its session or every session of its pool is gone.',
    sameWording: 'Everyone gets the same wording: add a second one so the messages are not identical.',
  },
  attention: {
    failed: 'The session failed.',
    loggedOut: 'WhatsApp logged this session out: link it again with a new QR code.',
    stuck: '{{statusLabel}} for {{minutes}} min.',
    limited: 'WhatsApp limits new chats from this account.',
  },
  import: {
    noPhone: 'No phone number in this row.',
    notAPhone: 'Not a phone number: use international form with the country code, e.g. +4915123456789.',
    invalidPhone: 'Not a valid phone number: check the country code and the number of digits.',
  },
  template: {
    empty: 'Write the message.',
    unnamed: '"{{placeholder}}" names no variable: write {{example}}.',
    unclosed: 'A placeholder is not closed: write variables as {{example}} or {{exampleFallback}}.',
  },
  tag: {
    empty: 'A tag cannot be empty.',
    tooLong: 'Tags are at most {{max}} characters.',
    characters:
      '"{{tag}}": tags are letters, digits, spaces, "-", "_" and ".", starting with a letter or digit.',
  },
  pacing: {
    gapOrder: 'The longest gap must be at least the shortest gap.',
    gapFixed: 'A fixed gap is what WhatsApp spots: make the longest gap longer than the shortest.',
    gapTooLong: 'Gaps can be at most a day long.',
    batchPause: 'Set how many minutes to pause after each batch, or turn batches off.',
    dailyCap: 'The daily cap must be at least 1.',
    newContacts: 'The cap on new contacts cannot be negative.',
    failureStreak: 'Pause after at least 1 failed message in a row.',
    hoursFormat: 'Sending hours are times like 09:00.',
    hoursEqual: 'Sending hours must not start and end at the same time.',
    noDays: 'Choose at least one day to send on.',
    daysRange: 'Days are 1 (Monday) to 7 (Sunday).',
    timeZone: '"{{timeZone}}" is not a known time zone.',
    riskGap: 'Gaps shorter than {{seconds}} s between messages make the account look automated.',
    riskBatches: 'Without a pause of {{minutes}} min every {{messages}} messages, long runs look automated.',
    riskNight: 'Messages at night annoy people, and annoyed people report spam.',
    riskDailyCap: 'More than {{cap}} campaign messages a day risks a ban.',
    riskWarmup: 'Young accounts that send a lot are banned first: keep the warm-up on.',
    riskNewContacts:
      "More than {{cap}} first messages a day to people who never wrote risks WhatsApp's reach-out limit.",
    riskFailures: 'Going on after {{streak}} failures in a row keeps hitting a problem.',
  },
} as const;
