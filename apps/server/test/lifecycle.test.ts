import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Client,
  connect,
  createLinked,
  recordSessionEvents,
  type SessionEvent,
  sandbox,
  type TestGateway,
  useAdminGateway,
  waitFor,
  waitForStatus,
} from './support/harness.ts';

let g: TestGateway;
let cookie: string;
let client: Client;

useAdminGateway((ctx) => {
  ({ g, cookie, client } = ctx);
});

describe('connection lifecycle on the sandbox', () => {
  it('reconnects by itself after the network drops, without a new QR scan', async () => {
    const s = await createLinked(g, cookie, client, 'Dropper', '4915112300001');
    const rec = recordSessionEvents(client, { id: s.id });
    expect((await sandbox(g, cookie, 'POST', `/sessions/${s.id}/drop`)).status).toBe(200);
    await waitFor(
      () => rec.events.some((e) => e.type === 'status' && e.status === 'reconnecting'),
      'reconnecting',
    );
    const back = await waitForStatus(client, s.id, 'connected');
    expect(back.phone).toBe('4915112300001');
    expect(rec.events.some((e) => e.type === 'qr')).toBe(false);
    rec.stop();
  });

  it('keeps retrying with backoff while the network stays down, then connects', async () => {
    const s = await createLinked(g, cookie, client, 'Outage', '4915112300002');
    await sandbox(g, cookie, 'POST', `/sessions/${s.id}/drop`, { offlineMs: 1200 });
    const retrying = await waitFor(async () => {
      const now = await client.sessions.byId.query({ id: s.id });
      return now.status === 'reconnecting' && /attempt [2-9]/.test(now.statusReason ?? '') ? now : undefined;
    }, 'a second reconnect attempt');
    expect(retrying.statusReason).toMatch(/retrying in \d+ s/);
    expect(retrying.nextRetryAt).toBeGreaterThan(Date.now() - 1000);
    await waitForStatus(client, s.id, 'connected', 15_000);
  });

  it('goes to logged_out when the phone unlinks it, and needs a new QR to come back', async () => {
    const s = await createLinked(g, cookie, client, 'Unlinked', '4915112300003');
    expect((await sandbox(g, cookie, 'POST', `/sessions/${s.id}/unlink`)).status).toBe(200);
    const out = await waitForStatus(client, s.id, 'logged_out');
    expect(out.statusReason).toMatch(/Unlinked/);
    expect(out.autoStart).toBe(false);
    // No reconnect happens by itself.
    await new Promise((r) => setTimeout(r, 300));
    expect((await client.sessions.byId.query({ id: s.id })).status).toBe('logged_out');
    await client.sessions.start.mutate({ id: s.id });
    const again = await waitForStatus(client, s.id, 'qr');
    expect(again.qr?.qr).toMatch(/^2@/);
  });

  it('rotates the QR code, refuses an expired one with 410, and fails plainly when none is scanned', async () => {
    const rec = recordSessionEvents(client);
    const s = await client.sessions.create.mutate({ name: 'Patient' });
    const qrs = await waitFor(() => {
      const list = rec.events.filter((e) => e.type === 'qr' && e.sessionId === s.id);
      return list.length >= 2 ? list : undefined;
    }, 'two QR codes');
    const [first, second] = qrs as Array<Extract<SessionEvent, { type: 'qr' }>>;
    expect(first!.qr).not.toBe(second!.qr);
    const stale = await sandbox(g, cookie, 'POST', '/scan', { qr: first!.qr, phone: '+4915112300004' });
    expect(stale.status).toBe(410);
    expect(stale.body).toMatchObject({ code: 'GONE', message: expect.stringMatching(/expired/i) });

    const failed = await waitForStatus(client, s.id, 'failed', 20_000);
    expect(failed.statusReason).toBe('QR code not scanned in time');
    const shown = rec.events.filter((e) => e.type === 'qr' && e.sessionId === s.id);
    // The fifth code (SANDBOX_QR_MAX_CODES) is announced as the last one; the stream says so, no earlier code.
    expect(shown.map((e) => e.type === 'qr' && e.last === true)).toEqual([false, false, false, false, true]);
    expect(failed.autoStart).toBe(false);
    rec.stop();
  });

  it('links with a pairing code instead of a QR scan', async () => {
    const rec = recordSessionEvents(client);
    const s = await client.sessions.create.mutate({ name: 'Pairing' });
    await waitForStatus(client, s.id, 'qr');
    const { code } = await client.sessions.requestPairingCode.mutate({
      id: s.id,
      phone: '+49 151 1230 0005',
    });
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    await waitFor(
      () => rec.events.some((e) => e.type === 'pairing_code' && e.code === code),
      'pairing_code event',
    );
    const wrong = await sandbox(g, cookie, 'POST', '/pair', { code, phone: '+4915112399999' });
    expect(wrong.status).toBe(409);
    const paired = await sandbox(g, cookie, 'POST', '/pair', { code, phone: '+4915112300005' });
    expect(paired.status).toBe(200);
    const on = await waitForStatus(client, s.id, 'connected');
    expect(on.phone).toBe('4915112300005');
    rec.stop();
  });

  it('gives a subscriber that joins while a QR is showing the current QR at once', async () => {
    const s = await client.sessions.create.mutate({ name: 'Late joiner' });
    const shown = await waitForStatus(client, s.id, 'qr');
    const late = connect(g, cookie);
    const rec = recordSessionEvents(late, { id: s.id });
    const first = await waitFor(() => rec.events.find((e) => e.type === 'qr'), 'the current QR');
    expect(first).toMatchObject({ type: 'qr', sessionId: s.id });
    // Either the code on display when it joined, or the next one if it rotated meanwhile.
    expect((first as { qr: string }).qr).toMatch(/^2@/);
    expect(rec.events[0]).toMatchObject({ type: 'status', status: 'qr' });
    expect(shown.qr).not.toBeNull();
    rec.stop();
    await late.close();
  });

  it('resumes a subscription from the last event id without replaying older events', async () => {
    const s = await client.sessions.create.mutate({ name: 'Resumer', start: false });
    const rec = recordSessionEvents(client, { id: s.id });
    await waitFor(() => rec.events.length > 0, 'snapshot');
    const lastSeen = rec.events.at(-1)!.id;
    rec.stop();
    await client.sessions.start.mutate({ id: s.id });
    await waitForStatus(client, s.id, 'qr');
    const resumed = recordSessionEvents(client, { id: s.id, lastEventId: lastSeen });
    await waitFor(() => resumed.events.some((e) => e.type === 'qr'), 'missed events');
    expect(resumed.events[0]).toMatchObject({ type: 'status', status: 'starting' });
    expect(resumed.events.every((e) => e.id !== lastSeen)).toBe(true);
    resumed.stop();
  });

  it('with batchSnapshot, sends the state of every session in one message first, then events one by one', async () => {
    const quiet = await client.sessions.create.mutate({ name: 'Quiet desk', start: false });
    const showing = await client.sessions.create.mutate({ name: 'Showing a QR' });
    await waitForStatus(client, showing.id, 'qr');
    const rec = recordSessionEvents(client, { batchSnapshot: true });
    const first = await waitFor(() => rec.messages[0], 'the snapshot');
    if (first.type !== 'snapshot') throw new Error(`expected a snapshot first, got ${first.type}`);
    expect(first.events).toContainEqual(
      expect.objectContaining({ type: 'status', sessionId: quiet.id, status: 'stopped' }),
    );
    expect(first.events).toContainEqual(expect.objectContaining({ type: 'qr', sessionId: showing.id }));

    await client.sessions.start.mutate({ id: quiet.id });
    await waitFor(() => rec.events.some((e) => e.sessionId === quiet.id && e.type === 'qr'), 'its QR');
    expect(rec.messages.slice(1).every((m) => m.type !== 'snapshot')).toBe(true);
    rec.stop();
  });

  it('with batchSnapshot, a resuming subscriber gets what it missed in one message, or an empty one', async () => {
    const s = await client.sessions.create.mutate({ name: 'Batched resumer', start: false });
    const rec = recordSessionEvents(client, { id: s.id, batchSnapshot: true });
    const snapshot = await waitFor(() => rec.messages[0], 'the snapshot');
    rec.stop();

    const uptodate = recordSessionEvents(client, { id: s.id, lastEventId: snapshot.id, batchSnapshot: true });
    expect(await waitFor(() => uptodate.messages[0], 'nothing missed')).toEqual({
      id: snapshot.id,
      type: 'snapshot',
      events: [],
    });
    uptodate.stop();

    await client.sessions.start.mutate({ id: s.id });
    await waitForStatus(client, s.id, 'qr');
    const resumed = recordSessionEvents(client, { id: s.id, lastEventId: snapshot.id, batchSnapshot: true });
    const missed = await waitFor(() => resumed.messages[0], 'the missed events');
    if (missed.type !== 'snapshot') throw new Error(`expected a snapshot first, got ${missed.type}`);
    expect(missed.events[0]).toMatchObject({ type: 'status', status: 'starting' });
    expect(missed.events.some((e) => e.type === 'qr')).toBe(true);
    expect(missed.id).toBe(missed.events.at(-1)?.id);
    resumed.stop();
  });

  it('stop keeps the link (start needs no QR), logout removes it, delete removes everything', async () => {
    const s = await createLinked(g, cookie, client, 'Lifecycle', '4915112300006');
    expect((await client.sessions.stop.mutate({ id: s.id })).status).toBe('stopped');
    await client.sessions.start.mutate({ id: s.id });
    await waitForStatus(client, s.id, 'connected');
    await client.sessions.restart.mutate({ id: s.id });
    await waitForStatus(client, s.id, 'connected');

    const out = await client.sessions.logout.mutate({ id: s.id });
    expect(out).toMatchObject({ status: 'logged_out', phone: null });
    await client.sessions.start.mutate({ id: s.id });
    await waitForStatus(client, s.id, 'qr');

    const folder = join(g.dataDir, 'sessions', s.id);
    expect(existsSync(folder)).toBe(true);
    await client.messages.list.query({ sessionId: s.id });
    expect(await client.sessions.delete.mutate({ id: s.id })).toEqual({ ok: true });
    expect(existsSync(folder)).toBe(false);
    expect(await client.sessions.list.query()).toEqual([]);
    await expect(client.sessions.byId.query({ id: s.id })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
  });
});
