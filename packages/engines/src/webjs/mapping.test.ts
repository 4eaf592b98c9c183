import { describe, expect, it } from 'vitest';
import wweb from 'whatsapp-web.js';
import { personIds } from './ids.ts';
import {
  accountFromInfo,
  ackLevel,
  authFailureOutcome,
  describeStartError,
  disconnectOutcome,
  inboundMessage,
  notReadyOutcome,
  qrLifetimeMs,
  senderJid,
  stateOutcome,
  toChat,
  toGroup,
  type WwebChatLike,
  type WwebClientInfoLike,
  type WwebMessageLike,
} from './mapping.ts';

/**
 * whatsapp-web.js's own structures, built from raw WhatsApp Web models the way the library builds them
 * (its typings only describe them as interfaces, hence the cast).
 */
const structures = wweb as unknown as {
  Message: new (client: unknown, data: object) => WwebMessageLike;
  PrivateChat: new (client: unknown, data: object) => WwebChatLike;
  GroupChat: new (client: unknown, data: object) => WwebChatLike;
  ClientInfo: new (client: unknown, data: object) => WwebClientInfoLike;
};
const wid = (user: string, server: string) => ({ server, user, _serialized: `${user}@${server}` });

/** A raw WhatsApp Web message model, as whatsapp-web.js's injected code serializes it. */
function rawMessage(fields: Record<string, unknown> = {}) {
  const from = (fields.from as string | undefined) ?? '4915112345678@c.us';
  const fromMe = Boolean(fields.fromMe);
  return {
    id: {
      fromMe,
      remote: from,
      id: '3EB0C767D26A1D8E2B4F',
      _serialized: `${fromMe}_${from}_3EB0C767D26A1D8E2B4F`,
    },
    body: 'Hello there',
    type: 'chat',
    t: 1_717_000_000,
    notifyName: 'Ana',
    from,
    to: '4915100000000@c.us',
    ack: 1,
    isNewMsg: true,
    star: false,
    ...fields,
  };
}
const message = (fields?: Record<string, unknown>) => new structures.Message(null, rawMessage(fields));
/** Maps a message the way the session does, with what a LID lookup found for its sender. */
const inbound = (msg: WwebMessageLike, lookedUp?: { pn?: string; lid?: string }) =>
  inboundMessage(msg, personIds(senderJid(msg), lookedUp));

describe('ackLevel', () => {
  it('maps whatsapp-web.js MessageAck values to the contract levels', () => {
    expect([-1, 0, 1, 2, 3, 4].map(ackLevel)).toEqual([
      'failed',
      null,
      'sent',
      'delivered',
      'read',
      'played',
    ]);
    expect(wweb.MessageAck.ACK_READ).toBe(3);
    expect(ackLevel(wweb.MessageAck.ACK_PLAYED)).toBe('played');
    expect(ackLevel(wweb.MessageAck.ACK_ERROR)).toBe('failed');
  });

  it('ignores values it does not know', () => {
    expect(ackLevel(5)).toBeNull();
    expect(ackLevel(Number.NaN)).toBeNull();
  });
});

describe('inboundMessage', () => {
  it('maps a direct text message', () => {
    expect(inbound(message())).toEqual({
      externalId: 'false_4915112345678@c.us_3EB0C767D26A1D8E2B4F',
      from: '4915112345678',
      fromName: 'Ana',
      text: 'Hello there',
      timestamp: 1_717_000_000_000,
    });
  });

  it('maps a group message to its author and the group id', () => {
    const inGroup = message({
      from: '120363025246125486@g.us',
      author: '4915187654321@c.us',
      notifyName: 'Ben',
    });
    expect(inbound(inGroup)).toMatchObject({
      from: '4915187654321',
      fromName: 'Ben',
      groupId: '120363025246125486@g.us',
      text: 'Hello there',
    });
  });

  it('describes media without downloading it, with the caption as text', () => {
    const image = message({
      type: 'image',
      body: '/9j/4AAQSkZJRgABAQ…',
      caption: 'Our new shop',
      directPath: '/v/t62.7118-24/123',
      mimetype: 'image/jpeg',
      size: 48_213,
    });
    expect(inbound(image)).toMatchObject({
      text: 'Our new shop',
      media: { kind: 'image', mimetype: 'image/jpeg', size: 48_213 },
    });
    const document = message({
      type: 'document',
      directPath: '/v/t62.7119-24/456',
      mimetype: 'application/pdf',
      size: 120_000,
      filename: 'invoice.pdf',
    });
    expect(inbound(document)?.media).toEqual({
      kind: 'document',
      mimetype: 'application/pdf',
      size: 120_000,
      filename: 'invoice.pdf',
      download: expect.any(Function),
    });
    const voice = message({
      type: 'ptt',
      directPath: '/v/x',
      mimetype: 'audio/ogg; codecs=opus',
      size: 9000,
    });
    expect(inbound(voice)).toMatchObject({
      text: '',
      media: { kind: 'voice', mimetype: 'audio/ogg; codecs=opus' },
    });
    expect(
      inbound(message({ type: 'sticker', directPath: '/v/s', mimetype: 'image/webp' }))?.media?.kind,
    ).toBe('sticker');
  });

  it('downloads a file only when asked, and says when WhatsApp no longer has it', async () => {
    const image = message({ type: 'image', directPath: '/v/t62/1', mimetype: 'image/jpeg' });
    let asked = 0;
    image.downloadMedia = async () => {
      asked += 1;
      return asked === 1 ? { data: Buffer.from('jpeg bytes').toString('base64') } : undefined;
    };
    const media = inbound(image)?.media;
    expect(asked).toBe(0);
    expect(await media?.download()).toEqual(Buffer.from('jpeg bytes'));
    await expect(media?.download()).rejects.toThrow('WhatsApp no longer has this file');
  });

  it('maps a shared location to its place, not its map thumbnail', () => {
    const place = message({
      type: 'location',
      body: '/9j/4AAQSkZJRgABAQ…',
      lat: 52.520008,
      lng: 13.404954,
      loc: 'Shop Berlin\nAlexanderplatz 1, Berlin',
    });
    expect(inbound(place)).toMatchObject({
      text: '',
      location: {
        latitude: 52.520008,
        longitude: 13.404954,
        name: 'Shop Berlin',
        address: 'Alexanderplatz 1, Berlin',
      },
    });
    expect(inbound(place)?.media).toBeUndefined();
  });

  it('drops own messages, status updates, broadcasts and system notices', () => {
    expect(inbound(message({ fromMe: true }))).toBeNull();
    expect(inbound(message({ from: 'status@broadcast', author: '4915112345678@c.us' }))).toBeNull();
    expect(inbound(message({ isStatusV3: true }))).toBeNull();
    expect(inbound(message({ broadcast: true }))).toBeNull();
    for (const type of ['e2e_notification', 'notification_template', 'protocol', 'call_log', 'revoked']) {
      expect(inbound(message({ type }))).toBeNull();
    }
  });

  it('keeps a sender known only by LID under the LID, and under their number with the LID once known', () => {
    const fromLid = message({ from: '86219306106899@lid' });
    expect(senderJid(fromLid)).toBe('86219306106899@lid');
    expect(inbound(fromLid)).toMatchObject({
      externalId: 'false_86219306106899@lid_3EB0C767D26A1D8E2B4F',
      from: '86219306106899@lid',
      fromLid: '86219306106899@lid',
    });
    expect(inbound(fromLid, { pn: '4915112345678@c.us', lid: '86219306106899@lid' })).toMatchObject({
      from: '4915112345678',
      fromLid: '86219306106899@lid',
    });
    // A sender named by number whose LID WhatsApp also told: both are kept.
    expect(inbound(message(), { pn: '4915112345678@c.us', lid: '86219306106899@lid' })).toMatchObject({
      from: '4915112345678',
      fromLid: '86219306106899@lid',
    });
    const groupLid = message({ from: '120363025246125486@g.us', author: '86219306106899@lid' });
    expect(senderJid(groupLid)).toBe('86219306106899@lid');
    expect(inbound(groupLid)).toMatchObject({
      from: '86219306106899@lid',
      groupId: '120363025246125486@g.us',
    });
  });

  it('reads the id of messages from WhatsApp Web versions that renamed the key field', () => {
    const renamed = message({
      id: {
        fromMe: false,
        remote: '4915112345678@c.us',
        id: '3EB0C767D26A1D8E2B4F',
        $1: 'false_4915112345678@c.us_3EB0C767D26A1D8E2B4F',
      },
    });
    expect(inbound(renamed)?.externalId).toBe('false_4915112345678@c.us_3EB0C767D26A1D8E2B4F');
  });

  it('uses the receive time when WhatsApp gives no timestamp', () => {
    const before = Date.now();
    expect(inbound(message({ t: 0 }))!.timestamp).toBeGreaterThanOrEqual(before);
  });
});

describe('account, chats and groups', () => {
  it('reads the account phone and push name from ClientInfo', () => {
    const info = new structures.ClientInfo(null, { wid: wid('4915100000000', 'c.us'), pushname: 'Shop' });
    expect(accountFromInfo(info)).toEqual({ phone: '4915100000000', name: 'Shop' });
    const unnamed = new structures.ClientInfo(null, { wid: wid('4915100000000', 'c.us'), pushname: '' });
    expect(accountFromInfo(unnamed)).toEqual({ phone: '4915100000000' });
  });

  it('maps chats and groups', () => {
    const chat = new structures.PrivateChat(null, {
      id: wid('4915112345678', 'c.us'),
      formattedTitle: 'Ana',
      isGroup: false,
      unreadCount: 2,
      t: 1_717_000_100,
    });
    expect(toChat(chat)).toEqual({
      id: '4915112345678@c.us',
      phone: '4915112345678',
      name: 'Ana',
      isGroup: false,
      unreadCount: 2,
      lastMessageAt: 1_717_000_100_000,
    });
    const group = new structures.GroupChat(null, {
      id: wid('120363025246125486', 'g.us'),
      formattedTitle: 'Team',
      isGroup: true,
      unreadCount: 0,
      t: 0,
      groupMetadata: {
        participants: [{ id: wid('1', 'c.us') }, { id: wid('2', 'c.us') }, { id: wid('3', 'c.us') }],
      },
    });
    expect(toGroup(group)).toEqual({ id: '120363025246125486@g.us', name: 'Team', participants: 3 });
    expect(toChat(group)).toEqual({
      id: '120363025246125486@g.us',
      name: 'Team',
      isGroup: true,
      unreadCount: 0,
    });
  });

  it('gives a chat with a person known by LID that LID', () => {
    const chat = new structures.PrivateChat(null, { id: wid('86219306106899', 'lid'), isGroup: false, t: 0 });
    expect(toChat(chat)).toMatchObject({ id: '86219306106899@lid', lid: '86219306106899@lid' });
    expect(toChat(chat).phone).toBeUndefined();
  });

  it('names an untitled chat by its number', () => {
    const chat = new structures.PrivateChat(null, { id: wid('4915112345678', 'c.us'), isGroup: false, t: 0 });
    expect(toChat(chat).name).toBe('4915112345678');
  });
});

describe('disconnect reasons', () => {
  it('treats an unlink from the phone as logged out', () => {
    expect(disconnectOutcome('LOGOUT')).toMatchObject({ type: 'disconnected', loggedOut: true });
    expect(disconnectOutcome(wweb.WAState.UNPAIRED)).toMatchObject({ type: 'disconnected', loggedOut: true });
    expect(disconnectOutcome(wweb.WAState.UNPAIRED_IDLE)).toMatchObject({
      type: 'disconnected',
      loggedOut: true,
    });
  });

  it('reconnects after anything else, naming the reason', () => {
    expect(disconnectOutcome(wweb.WAState.CONFLICT)).toEqual({
      type: 'disconnected',
      loggedOut: false,
      reason: 'WhatsApp Web was opened on another computer (CONFLICT)',
      coded: { reason: 'session.conflict', params: {} },
    });
    expect(disconnectOutcome('NAVIGATION')).toEqual({
      type: 'disconnected',
      loggedOut: false,
      reason: 'Disconnected from WhatsApp (NAVIGATION)',
      coded: { reason: 'session.disconnected', params: { code: 'NAVIGATION' } },
    });
  });

  it('fails without retries when retrying cannot help', () => {
    expect(disconnectOutcome(wweb.WAState.TOS_BLOCK)).toMatchObject({ type: 'failed', retryable: false });
    expect(disconnectOutcome(wweb.WAState.DEPRECATED_VERSION)).toMatchObject({
      type: 'failed',
      retryable: false,
      reason: expect.stringContaining('WEBJS_WEB_VERSION'),
    });
    expect(disconnectOutcome('Max qrcode retries reached')).toEqual({
      type: 'failed',
      retryable: false,
      reason: 'QR code not scanned in time',
      coded: { reason: 'session.qr_not_scanned', params: {} },
    });
  });

  it('ignores state changes of a working connection and ends on the others', () => {
    for (const state of ['CONNECTED', 'OPENING', 'PAIRING', 'TIMEOUT'])
      expect(stateOutcome(state)).toBeNull();
    expect(stateOutcome('UNPAIRED')).toMatchObject({ loggedOut: true });
    expect(stateOutcome('CONFLICT')).toMatchObject({ loggedOut: false });
  });

  it('treats a refused stored login as logged out', () => {
    expect(authFailureOutcome('Unable to log in. Are the session details valid?')).toEqual({
      type: 'disconnected',
      loggedOut: true,
      reason:
        'WhatsApp did not accept the stored login (Unable to log in. Are the session details valid?): link the phone again',
      coded: { reason: 'session.login_rejected', params: {} },
    });
  });
});

describe('notReadyOutcome', () => {
  it('fails, to be retried, saying what the page showed', () => {
    expect(notReadyOutcome(50_000, true)).toEqual({
      type: 'failed',
      retryable: true,
      reason:
        'WhatsApp Web accepted the login but did not become ready in 50 s (whatsapp-web.js could not attach to it): WhatsApp Web may have changed — pin a working version with WEBJS_WEB_VERSION',
      coded: { reason: 'session.not_ready', params: { seconds: 50 } },
    });
    expect(notReadyOutcome(50_000, false).reason).toContain(
      '(whatsapp-web.js could not load its helpers into it)',
    );
    expect(notReadyOutcome(50_000, null).reason).toContain('(the page stopped answering)');
  });
});

describe('describeStartError', () => {
  it('names the network error when WhatsApp Web cannot be reached', () => {
    const offline = new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/');
    expect(describeStartError(offline)).toEqual({
      text: 'cannot reach web.whatsapp.com: ERR_NAME_NOT_RESOLVED',
      coded: {
        reason: 'session.unreachable',
        params: { host: 'web.whatsapp.com', error: 'ERR_NAME_NOT_RESOLVED' },
      },
    });
    expect(
      describeStartError(new Error('net::ERR_PROXY_CONNECTION_FAILED at https://web.whatsapp.com/')).text,
    ).toBe('cannot reach web.whatsapp.com: ERR_PROXY_CONNECTION_FAILED');
    expect(describeStartError(new Error('net::ERR_INTERNET_DISCONNECTED')).text).toBe(
      'cannot reach web.whatsapp.com: ERR_INTERNET_DISCONNECTED',
    );
  });

  it('explains the bare strings whatsapp-web.js throws', () => {
    const said = describeStartError('auth timeout');
    expect(said.text).toContain('WEBJS_WEB_VERSION');
    expect(said.coded).toEqual({ reason: 'session.web_not_started', params: { detail: 'auth timeout' } });
  });

  it('explains a pinned version that cannot be loaded', () => {
    expect(describeStartError(new Error("Couldn't load version 2.3000.1 from the archive"))).toEqual({
      text: 'WhatsApp Web version 2.3000.1 could not be loaded: check WEBJS_WEB_VERSION and WEBJS_WEB_VERSION_URL, or unset the pin',
      coded: { reason: 'session.web_version_unloadable', params: { version: '2.3000.1' } },
    });
  });

  it('shortens browser launch failures to what went wrong', () => {
    const launch = new Error(
      'Failed to launch the browser process! undefined\n/usr/bin/chromium: error while loading shared libraries: libnss3.so\n\n\nTROUBLESHOOTING: https://pptr.dev/troubleshooting\n',
    );
    const detail = '/usr/bin/chromium: error while loading shared libraries: libnss3.so';
    expect(describeStartError(launch)).toEqual({
      text: `Chromium could not start: ${detail}`,
      coded: { reason: 'session.browser_not_started', params: { detail } },
    });
    expect(describeStartError(new Error('Protocol error (Page.navigate): Target closed'))).toEqual({
      text: 'The browser closed while WhatsApp Web was loading',
      coded: { reason: 'session.browser_closed_loading', params: {} },
    });
  });

  it('passes anything else on, first line only, as words without a code of their own', () => {
    expect(describeStartError(new Error('Something odd\n    at stack'))).toEqual({
      text: 'Something odd',
      coded: { reason: 'text', params: { text: 'Something odd' } },
    });
  });
});

describe('qrLifetimeMs', () => {
  it('gives the first code a minute and the following ones 20 s', () => {
    expect([0, 1, 5].map(qrLifetimeMs)).toEqual([60_000, 20_000, 20_000]);
  });
});
