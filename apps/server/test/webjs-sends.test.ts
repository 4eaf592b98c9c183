import {
  browserPid,
  type FakeWhatsAppWebScript,
  StandInPhone,
} from '@switchboard/engines/webjs/test-support';
import { describe, expect, it } from 'vitest';
import { waitFor, waitForStatus } from './support/harness.ts';
import { startReceiver } from './support/receiver.ts';
import { gateway, phones, receivers, sessionDir } from './support/webjs.ts';

describe.each(['_serialized', '$1'] as const)(
  'webjs sessions on the stand-in WhatsApp Web (message keys in %s): how sends end',
  (keyField) => {
    /** A session linked from a stored login (no QR), connected, with the phone standing in for WhatsApp. */
    async function linkedSession(id: string, script: FakeWhatsAppWebScript = {}) {
      const { g, client, dataDir } = await gateway({}, { keyField, linked: true, ...script });
      await client.sessions.create.mutate({ id, name: id, engine: 'webjs' });
      await waitForStatus(client, id, 'connected', 20_000);
      const phone = await StandInPhone.of(sessionDir(dataDir, id));
      phones.push(phone);
      const message = async (messageId: string) =>
        (await client.messages.list.query({ sessionId: id })).items.find((m) => m.id === messageId);
      const settled = (messageId: string, status: string) =>
        waitFor(async () => {
          const m = await message(messageId);
          return m?.status === status && m;
        }, `message ${messageId} to be ${status}`);
      return { g, client, dataDir, phone, settled };
    }

    it('a send that throws after the hand-off ends unknown, goes out once, and its receipts settle it', async () => {
      const hooks = await startReceiver();
      receivers.push(hooks);
      const { client, phone, settled } = await linkedSession('handoff');
      await client.webhooks.create.mutate({
        sessionId: 'handoff',
        url: hooks.url,
        events: ['message.sent', 'message.status'],
      });
      await phone.failNextSendAfterHandOff('Stand-in: the connection to WhatsApp dropped');
      const queued = await client.messages.send.mutate({
        sessionId: 'handoff',
        to: '+49 170 0000001',
        text: 'Your order shipped',
      });
      // WhatsApp's server takes it after all (its receipt "sent" follows); then the phone gets it.
      await settled(queued.id, 'sent');
      const outbox = await phone.outbox();
      expect(outbox.map((m) => [m.to, m.body])).toEqual([['491700000001@c.us', 'Your order shipped']]);
      await phone.ack(outbox[0]!.id, 'delivered');
      expect(await settled(queued.id, 'delivered')).toMatchObject({ externalId: outbox[0]!.id, error: null });

      const told = await waitFor(() => {
        const seen = hooks.received.filter((r) => r.payload.data.messageId === queued.id);
        return seen.length === 3 && seen.map((r) => r.payload);
      }, 'three webhooks for the message');
      expect(told.map((p) => [p.type, p.data.status, p.data.externalId])).toEqual([
        ['message.status', 'unknown', outbox[0]!.id],
        ['message.sent', 'sent', outbox[0]!.id],
        ['message.status', 'delivered', outbox[0]!.id],
      ]);
      expect(told[0]!.data.error).toContain('Stand-in: the connection to WhatsApp dropped');
      expect(told[0]!.data.error).toContain('it is not sent again');

      // A later message goes out normally, and the first one still only once.
      const next = await client.messages.send.mutate({
        sessionId: 'handoff',
        to: '+49 170 0000001',
        text: 'Hi',
      });
      await settled(next.id, 'sent');
      expect((await phone.outbox()).map((m) => m.body)).toEqual(['Your order shipped', 'Hi']);
    }, 60_000);

    it('a 463 answer flags the session limited (view and session.status webhook), a reply still goes out, nothing restarts', async () => {
      const hooks = await startReceiver();
      receivers.push(hooks);
      const { client, dataDir, phone, settled } = await linkedSession('limited', {
        reachOutLimit: { forMs: 600_000 },
        people: [{ phone: '491700000009', name: 'Dora', wrote: true }],
      });
      await client.webhooks.create.mutate({
        sessionId: 'limited',
        url: hooks.url,
        events: ['session.status'],
      });
      const pid = browserPid(sessionDir(dataDir, 'limited'));

      // The first message to someone who never wrote is taken, then refused by WhatsApp's server: 463.
      const offer = await client.messages.send.mutate({
        sessionId: 'limited',
        to: '+49 170 0000001',
        text: 'Offer',
      });
      const refused = await settled(offer.id, 'failed');
      expect(refused.error).toContain('error 463, reach-out limit');
      const flagged = await waitFor(async () => {
        const s = await client.sessions.byId.query({ id: 'limited' });
        return s.limited ? s : undefined;
      }, 'the limit on the session');
      expect(flagged).toMatchObject({ status: 'connected', statusReason: null });
      expect(flagged.limited!.reason).toContain('error 463');
      expect(flagged.limited!.until).toBeGreaterThan(Date.now());
      const told = await waitFor(
        () => hooks.received.find((r) => r.payload.type === 'session.status' && r.payload.data.limited),
        'the session.status webhook',
      );
      expect(told.payload.data).toMatchObject({
        status: 'connected',
        previousStatus: 'connected',
        limited: { reason: flagged.limited!.reason, until: new Date(flagged.limited!.until!).toISOString() },
      });

      // Another new contact fails at once, before anything reaches WhatsApp; the reply to Dora goes out.
      const second = await client.messages.send.mutate({
        sessionId: 'limited',
        to: '+49 170 0000002',
        text: 'Offer',
      });
      expect((await settled(second.id, 'failed')).error).toContain(
        'only people who wrote to it can be messaged',
      );
      const reply = await client.messages.send.mutate({
        sessionId: 'limited',
        to: '+49 170 0000009',
        text: 'Thanks!',
      });
      await settled(reply.id, 'sent');
      expect((await phone.outbox()).map((m) => m.to)).toEqual(['491700000001@c.us', '491700000009@c.us']);

      // Nothing restarted: the same browser, and no status change since connecting.
      expect(browserPid(sessionDir(dataDir, 'limited'))).toBe(pid);
      expect((await client.sessions.byId.query({ id: 'limited' })).status).toBe('connected');
      expect(
        hooks.received.filter(
          (r) => r.payload.type === 'session.status' && r.payload.data.status !== 'connected',
        ),
      ).toEqual([]);
    }, 60_000);
  },
);
