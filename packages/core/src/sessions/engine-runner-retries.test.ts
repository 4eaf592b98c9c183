import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import type { EngineTraffic } from './engine-runner.ts';
import { connected, harness, retryReason, statusesOf, WAIT, waitForStatus } from './test-support.ts';

describe('SessionManager reconnects', () => {
  it('reconnects after a drop with a new engine session and resets the attempts once connected', async () => {
    const h = await harness();
    const first = await connected(h, h.operator, 'Sales');
    const before = Date.now();
    first.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await waitForStatus(h, 'sales', 'reconnecting');
    const waiting = h.manager.get(h.operator, 'sales');
    expect(waiting.statusReason).toMatch(/^Network dropped — retrying in \d+ s \(attempt 1\)$/);
    expect(waiting.nextRetryAt).toBeGreaterThanOrEqual(before + h.config.reconnectBaseMs / 2);
    expect(waiting.nextRetryAt).toBeLessThanOrEqual(Date.now() + h.config.reconnectBaseMs);
    expect(waiting.autoStart).toBe(true);
    expect(first.calls.stop).toBe(1);
    expect(first.listenerCount).toBe(0);

    // The next engine cannot start: the attempt counter grows.
    h.fake.configure = (s) => s.startRejects('WhatsApp is unreachable');
    await vi.waitFor(() => expect(retryReason(h, 'sales')).toContain('(attempt 2)'), WAIT);
    expect(retryReason(h, 'sales')).toMatch(/^WhatsApp is unreachable — retrying/);
    expect(h.manager.get(h.operator, 'sales').status).toBe('reconnecting');

    h.fake.configure = () => {};
    await vi.waitFor(() => expect(h.fake.sessionsFor('sales')).toHaveLength(3), WAIT);
    const third = h.fake.latest('sales');
    await vi.waitFor(() => expect(third.calls.start).toBe(1), WAIT);
    expect(h.manager.get(h.operator, 'sales').status).toBe('reconnecting');
    third.connect('4915123456789', 'Again');
    expect(h.manager.get(h.operator, 'sales')).toMatchObject({
      status: 'connected',
      statusReason: null,
      nextRetryAt: null,
    });

    third.emit({ type: 'disconnected', reason: 'Network dropped again', loggedOut: false });
    await waitForStatus(h, 'sales', 'reconnecting');
    expect(retryReason(h, 'sales')).toMatch(/\(attempt 1\)$/);
    expect(statusesOf(h, 'sales')).not.toContain('failed');
  });

  it('keeps retrying with growing, capped delays until stopped, then never again', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const h = await harness({ reconnectBaseMs: 10, reconnectMaxMs: 40 });
    const first = await connected(h, h.operator, 'Flaky');
    h.fake.configure = (s) => s.startRejects('WhatsApp is unreachable');
    // The delays are read off the clock: held still, so a busy machine's pauses between scheduling a retry
    // and announcing it do not count (the retry timers themselves run in real time).
    vi.spyOn(Date, 'now').mockReturnValue(Date.now());
    const delays: number[] = [];
    h.bus.on('session', (event) => {
      if (event.type !== 'status' || event.status !== 'reconnecting') return;
      const next = h.manager.get(h.admin, 'flaky').nextRetryAt;
      if (next !== null) delays.push(next - event.at);
    });
    first.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await vi.waitFor(() => expect(h.fake.sessionsFor('flaky').length).toBeGreaterThanOrEqual(7), WAIT);

    const expected = [10, 20, 40, 40, 40, 40];
    expect(delays.length).toBeGreaterThanOrEqual(expected.length);
    expected.forEach((delay, i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(delay - 8);
      expect(delays[i]).toBeLessThanOrEqual(delay);
    });
    expect(h.manager.get(h.operator, 'flaky').status).toBe('reconnecting');
    expect(statusesOf(h, 'flaky')).not.toContain('failed');

    const stopped = await h.manager.stop(h.operator, 'flaky');
    expect(stopped).toMatchObject({
      status: 'stopped',
      statusReason: null,
      autoStart: false,
      nextRetryAt: null,
    });
    const attempts = h.fake.sessionsFor('flaky').length;
    await sleep(h.config.reconnectMaxMs * 4);
    expect(h.fake.sessionsFor('flaky')).toHaveLength(attempts);
    expect(h.manager.get(h.operator, 'flaky').status).toBe('stopped');
  });

  it('retries a reconnect whose engine start hangs, still as reconnecting', async () => {
    const h = await harness({ startTimeoutMs: 60 });
    const first = await connected(h, h.operator, 'Hangs');
    h.fake.configure = (s) => s.startHangs();
    first.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await vi.waitFor(() => expect(h.fake.sessionsFor('hangs').length).toBeGreaterThanOrEqual(3), WAIT);
    expect(h.manager.get(h.operator, 'hangs').status).toBe('reconnecting');
    expect(retryReason(h, 'hangs')).toMatch(/did not start within/);
    expect(statusesOf(h, 'hangs')).not.toContain('failed');
  });

  it('goes logged_out when the phone unlinks: engine logged out, no reconnect, no auto start', async () => {
    const h = await harness();
    const engine = await connected(h, h.operator, 'Sales');
    engine.emit({ type: 'disconnected', reason: 'The phone removed this linked device', loggedOut: true });
    await waitForStatus(h, 'sales', 'logged_out');
    expect(h.manager.get(h.operator, 'sales')).toMatchObject({
      status: 'logged_out',
      statusReason: 'The phone removed this linked device',
      phone: null,
      pushName: null,
      autoStart: false,
      nextRetryAt: null,
    });
    expect(engine.calls.logout).toBe(1);
    expect(engine.listenerCount).toBe(0);
    await sleep(h.config.reconnectMaxMs * 2);
    expect(h.fake.sessionsFor('sales')).toHaveLength(1);
    expect(h.manager.get(h.operator, 'sales').status).toBe('logged_out');
  });

  it('takes a non-retryable failure as final: failed with the reason, no retry, no auto start', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Sales', engine: 'sandbox' });
    const engine = h.fake.latest('sales');
    engine.emit({ type: 'qr', qr: 'Q', expiresAt: 1 });
    engine.emit({ type: 'failed', reason: 'QR code not scanned in time', retryable: false });
    await waitForStatus(h, 'sales', 'failed');
    expect(h.manager.get(h.operator, 'sales')).toMatchObject({
      statusReason: 'QR code not scanned in time',
      autoStart: false,
      qr: null,
      nextRetryAt: null,
    });
    expect(engine.calls.stop).toBe(1);
    await sleep(h.config.reconnectMaxMs * 2);
    expect(h.fake.sessionsFor('sales')).toHaveLength(1);
    expect(h.manager.get(h.operator, 'sales').status).toBe('failed');
  });

  it('retries a retryable failure while the operator wants the session running', async () => {
    const h = await harness();
    const engine = await connected(h, h.operator, 'Sales');
    engine.emit({ type: 'failed', reason: 'Browser crashed', retryable: true });
    await waitForStatus(h, 'sales', 'failed');
    expect(retryReason(h, 'sales')).toMatch(/^Browser crashed — retrying in \d+ s \(attempt 1\)$/);
    await vi.waitFor(() => expect(h.fake.sessionsFor('sales')).toHaveLength(2), WAIT);
    await waitForStatus(h, 'sales', 'starting');
    h.fake.latest('sales').connect();
    expect(h.manager.get(h.operator, 'sales').status).toBe('connected');
  });

  it('ignores events from an engine session that was torn down', async () => {
    const h = await harness();
    const traffic: EngineTraffic[] = [];
    h.manager.traffic.on((t) => traffic.push(t));
    h.fake.configure = (s) => {
      s.ignoreUnsubscribe = true;
    };
    const old = await connected(h, h.operator, 'Sales');
    old.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await vi.waitFor(() => expect(h.fake.sessionsFor('sales')).toHaveLength(2), WAIT);
    const current = h.fake.latest('sales');
    await vi.waitFor(() => expect(current.calls.start).toBe(1), WAIT);
    expect(h.manager.get(h.operator, 'sales').status).toBe('reconnecting');
    // The old engine still calls the manager's listener: nothing it says may count.
    expect(old.listenerCount).toBe(0);

    old.connect('4900000000000', 'Ghost');
    old.emit({ type: 'qr', qr: 'OLD', expiresAt: 1 });
    old.emit({ type: 'message', message: { externalId: 'm1', from: '491', text: 'hi', timestamp: 1 } });
    old.emit({ type: 'failed', reason: 'old engine failed', retryable: false });
    old.emit({ type: 'disconnected', reason: 'old engine unlinked', loggedOut: true });
    await sleep(20);
    expect(h.manager.get(h.operator, 'sales')).toMatchObject({ status: 'reconnecting', qr: null });
    expect(current.calls.logout + current.calls.stop).toBe(0);
    expect(traffic).toHaveLength(0);

    current.connect('4915123456789', 'Current');
    expect(h.manager.get(h.operator, 'sales')).toMatchObject({ status: 'connected', phone: '4915123456789' });
    current.emit({ type: 'message', message: { externalId: 'm2', from: '491', text: 'hi', timestamp: 1 } });
    expect(traffic).toEqual([expect.objectContaining({ sessionId: 'sales', ownerId: h.operator.id })]);
  });
});
