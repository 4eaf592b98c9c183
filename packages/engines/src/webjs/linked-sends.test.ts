import { describe, expect, it } from 'vitest';
import { EngineSendError } from '../contract.ts';
import { linkedSessions, ofType, text } from './linked-fixture.ts';
import { eventually } from './session-fixture.ts';
import { browserPid, type FakeWhatsAppWebScript } from './test-support.ts';

/**
 * A linked account, through whatsapp-web.js's real code in real Chromium, against the stand-in WhatsApp
 * Web — once as WhatsApp Web was until 2.3000.1042401057 (message key in `_serialized`) and once as it is
 * since (in a minified field).
 */

const { open, connected: connectedWith } = linkedSessions();

describe.each(['_serialized', '$1'] as const)('a linked account, message keys in %s', (keyField) => {
  const connected = (script?: FakeWhatsAppWebScript) => connectedWith(keyField, script);

  it('reports a send that fails after the hand-off as unknown, sends it once, and a later receipt settles it', async () => {
    const { session, events, phone } = await connected();
    await phone.failNextSendAfterHandOff('Stand-in: the connection to WhatsApp dropped');
    const error = await session.send('4917000000001', text('Your order shipped')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineSendError);
    const outbox = await phone.outbox();
    expect(outbox).toHaveLength(1);
    expect(error).toMatchObject({ outcome: 'unknown', reason: 'error', externalId: outbox[0]!.id });
    expect((error as Error).message).toContain('Stand-in: the connection to WhatsApp dropped');

    await phone.ack(outbox[0]!.id, 'delivered');
    await eventually(
      () => ofType(events, 'ack'),
      (acks) => acks.some((a) => a.externalId === outbox[0]!.id && a.ack === 'delivered'),
      'the receipt',
    );
    expect(await phone.outbox()).toHaveLength(1);
  });

  it('lists chats and groups, leaving out only the one it cannot read', async () => {
    const { session } = await connected({
      people: [
        { phone: '4917000000001', name: 'Ben', wrote: true },
        { phone: '4917000000002', name: 'Cleo', wrote: true, lastMessage: 'unreadable' },
      ],
      groups: [
        {
          id: '120363000000000001@g.us',
          name: 'Team',
          members: ['4917000000001@c.us', '86219306106899@lid'],
        },
        { id: '120363000000000002@g.us', name: 'Old team', members: ['4917000000001@c.us'], broken: true },
      ],
    });
    const chats = await session.listChats();
    expect(chats.map((c) => c.name).sort()).toEqual(['Ben', 'Cleo', 'Team']);
    expect(chats.find((c) => c.name === 'Cleo')).toMatchObject({
      id: '4917000000002@c.us',
      phone: '4917000000002',
      isGroup: false,
    });
    expect(await session.listGroups()).toEqual([
      { id: '120363000000000001@g.us', name: 'Team', participants: 2 },
    ]);
  });

  it('sends to a contact known only by LID, and says why when a number cannot be written to', async () => {
    const { session, phone } = await connected({
      people: [
        { lid: '86219306106800@lid', name: 'Lia' },
        { phone: '4917000000005', withholdsLid: true },
        { phone: '15550000000', notOnWhatsApp: true },
      ],
    });
    const toLid = await session.send('86219306106800@lid', text('Hello Lia'));
    expect(toLid.externalId).toMatch(/^true_86219306106800@lid_3EB0/);
    await expect(session.send('4917000000005', text('Hello'))).rejects.toMatchObject({
      outcome: 'failed',
      reason: 'no_lid',
      message:
        'WhatsApp has not told this device the privacy id (LID) of +4917000000005, which it needs to write to them',
    });
    await expect(session.send('15550000000', text('Hello'))).rejects.toMatchObject({
      outcome: 'failed',
      reason: 'not_on_whatsapp',
      message: '+15550000000 is not on WhatsApp',
    });
    expect((await phone.outbox()).map((m) => m.to)).toEqual(['86219306106800@lid']);
  });

  it('under a reach-out limit (463) refuses new contacts at once, still replies, restarts nothing, and lifts', async () => {
    const { session, events, dataDir, phone } = await connected({
      reachOutLimit: { forMs: 3_000 },
      people: [{ phone: '4917000000009', name: 'Dora', wrote: true }],
    });
    const pid = browserPid(dataDir);
    // The first message to someone who never wrote is taken, then refused by WhatsApp's server.
    const offer = await session.send('4917000000001', text('A special offer'));
    const limited = await eventually(
      () => ofType(events, 'limited'),
      (l) => l.length > 0,
      'the limit',
    );
    expect(limited).toEqual([
      {
        type: 'limited',
        reason: expect.stringContaining('error 463'),
        until: expect.any(Number),
      },
    ]);
    expect(limited[0]!.until! - Date.now()).toBeGreaterThan(0);
    await eventually(
      () => ofType(events, 'ack').find((a) => a.externalId === offer.externalId && a.ack === 'failed'),
      (a) => a !== undefined,
      'the refusal',
    );
    expect(ofType(events, 'ack').find((a) => a.ack === 'failed')).toMatchObject({
      reason: 'reach_out_limited',
    });

    // Another new contact is refused before anything reaches WhatsApp; a reply to Dora goes out.
    await expect(session.send('4917000000002', text('A special offer'))).rejects.toMatchObject({
      outcome: 'failed',
      reason: 'reach_out_limited',
    });
    const reply = await session.send('4917000000009', text('Thanks for your message'));
    expect((await phone.outbox()).map((m) => m.id)).toEqual([offer.externalId, reply.externalId]);
    await eventually(
      () => ofType(events, 'ack').find((a) => a.externalId === reply.externalId),
      (a) => a?.ack === 'sent',
      'the reply to go out',
    );

    await eventually(
      () => ofType(events, 'limit_lifted'),
      (l) => l.length === 1,
      'the limit to lift',
    );
    expect((await session.send('4917000000002', text('A special offer'))).externalId).toMatch(
      /^true_4917000000002/,
    );
    expect(events.filter((e) => e.type === 'disconnected' || e.type === 'failed')).toEqual([]);
    expect(browserPid(dataDir)).toBe(pid);
  });

  it('ends "authenticated but never ready" after the load timeout, saying why, to be retried', async () => {
    const { session, events } = open({ initTimeoutMs: 10_000 }, { keyField, linked: true, neverReady: true });
    await session.start();
    await eventually(
      () => ofType(events, 'failed'),
      (f) => f.length > 0,
      'the watchdog',
      30_000,
    );
    expect(events).toEqual([
      { type: 'authenticated' },
      {
        type: 'failed',
        retryable: true,
        reason:
          'WhatsApp Web accepted the login but did not become ready in 10 s (whatsapp-web.js could not attach to it): WhatsApp Web may have changed — pin a working version with WEBJS_WEB_VERSION',
        coded: { reason: 'session.not_ready', params: { seconds: 10 } },
      },
    ]);
  }, 45_000);
});
