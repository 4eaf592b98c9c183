import { describe, expect, it, vi } from 'vitest';
import type { SessionEvent } from '../events.ts';
import { connected, harness, statusesOf, throwFor, waitForStatus } from './test-support.ts';

describe('SessionManager status flow', () => {
  it('goes stopped → starting → qr → authenticating → connected, storing before publishing', async () => {
    const h = await harness();
    const view = await h.manager.create(h.operator, { name: 'Sales — Berlin #1', engine: 'sandbox' });
    const id = view.id;
    expect(view.status).toBe('starting');
    const engine = h.fake.latest(id);

    engine.emit({ type: 'qr', qr: 'QR-ONE', expiresAt: 1_000 });
    expect(h.manager.get(h.operator, id)).toMatchObject({
      status: 'qr',
      qr: { qr: 'QR-ONE', expiresAt: 1_000 },
    });
    engine.emit({ type: 'qr', qr: 'QR-TWO', expiresAt: 2_000 });
    expect(h.manager.get(h.operator, id).qr).toEqual({ qr: 'QR-TWO', expiresAt: 2_000 });
    const snapshot = h.manager.snapshot(h.operator, h.bus.lastId);
    expect(snapshot).toEqual([
      expect.objectContaining({ type: 'status', sessionId: id, status: 'qr', id: h.bus.lastId }),
      expect.objectContaining({ type: 'qr', sessionId: id, qr: 'QR-TWO', expiresAt: 2_000 }),
    ]);
    expect(h.sessionEvents.filter((e) => e.type === 'qr').map((e) => e.type === 'qr' && e.qr)).toEqual([
      'QR-ONE',
      'QR-TWO',
    ]);

    engine.emit({ type: 'pairing_code', code: 'WXYZ9876' });
    expect(h.sessionEvents.at(-1)).toMatchObject({ type: 'pairing_code', sessionId: id, code: 'WXYZ9876' });

    engine.emit({ type: 'authenticated' });
    expect(h.manager.get(h.operator, id)).toMatchObject({ status: 'authenticating', qr: null });
    expect(h.manager.snapshot(h.operator, h.bus.lastId).some((e) => e.type === 'qr')).toBe(false);

    const before = Date.now();
    engine.connect('4915123456789', 'Berlin Sales');
    const done = h.manager.get(h.operator, id);
    expect(done).toMatchObject({
      status: 'connected',
      statusReason: null,
      phone: '4915123456789',
      pushName: 'Berlin Sales',
      qr: null,
    });
    expect(done.lastConnectedAt).toBeGreaterThanOrEqual(before);
    expect(h.statusEvents.at(-1)?.event).toMatchObject({
      status: 'connected',
      phone: '4915123456789',
      pushName: 'Berlin Sales',
      ownerId: h.operator.id,
    });

    expect(statusesOf(h, id)).toEqual(['stopped', 'starting', 'qr', 'authenticating', 'connected']);
    for (const { event, stored } of h.statusEvents) {
      expect(stored?.status, `row of ${event.sessionId} when "${event.status}" was published`).toBe(
        event.status,
      );
      expect(stored?.statusReason).toBe(event.reason);
    }
  });

  it('connects straight from starting when the engine has stored auth', async () => {
    const h = await harness();
    h.fake.configure = (s) => s.startEmits({ type: 'ready', me: { phone: '4915111111111' } });
    await h.manager.create(h.operator, { name: 'Restored', engine: 'sandbox' });
    await waitForStatus(h, 'restored', 'connected');
    expect(h.manager.get(h.operator, 'restored')).toMatchObject({ phone: '4915111111111', pushName: null });
    expect(statusesOf(h, 'restored')).toEqual(['stopped', 'starting', 'connected']);
  });
});

describe('SessionManager status events and bus subscribers', () => {
  it('keeps other sessions going when a bus subscriber throws for one of them', async () => {
    const h = await harness();
    const a = await connected(h, h.operator, 'Alpha');
    throwFor(h, 'alpha');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    a.emit({ type: 'pairing_code', code: 'ABCD1234' });
    const b = await h.manager.create(h.operator, { name: 'Beta', engine: 'sandbox' });
    h.fake.latest(b.id).connect();
    expect(h.manager.get(h.operator, 'beta').status).toBe('connected');
    errors.mockRestore();
  });

  it('a bus subscriber that throws neither breaks the session it throws for nor silences the other subscribers', async () => {
    const h = await harness();
    throwFor(h, 'alpha');
    const heard: SessionEvent[] = [];
    h.bus.on('session', (event) => heard.push(event));

    const outcome = await h.manager
      .create(h.operator, { name: 'Alpha', engine: 'sandbox' })
      .then((view) => view.status)
      .catch((error: Error) => `create threw: ${error.message}`);
    expect(outcome).toBe('starting');
    expect(heard.filter((e) => e.sessionId === 'alpha').map((e) => e.type === 'status' && e.status)).toEqual([
      'stopped',
      'starting',
    ]);
  });

  it('keeps reconnecting a dropped session even when a bus subscriber throws on its status events', async () => {
    const h = await harness();
    const first = await connected(h, h.operator, 'Alpha');
    throwFor(h, 'alpha');
    first.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await vi.waitFor(() => expect(h.fake.sessionsFor('alpha')).toHaveLength(2), {
      timeout: 500,
      interval: 5,
    });
  });
});
