import { describe, expect, it } from 'vitest';
import wweb from 'whatsapp-web.js';
import { personIds } from './ids.ts';
import {
  accountFromInfo,
  ackLevel,
  inboundMessage,
  senderJid,
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
