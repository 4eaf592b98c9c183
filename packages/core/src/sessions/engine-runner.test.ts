import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { connected, harness, WAIT, waitForStatus } from './test-support.ts';

/**
 * Long enough that a stop or shutdown that waited for it would stand out on the busiest machine: the
 * assertion is about not waiting for the timeout at all, not about how fast a stop is.
 */
// Far beyond the test's own timeout: a stop or shutdown that finishes at all did not wait for it.
const HANGING_START_TIMEOUT_MS = 10 * 60_000;

describe('SessionManager isolation and timeouts', () => {
  it('fails a session whose engine start hangs while another one connects meanwhile', async () => {
    const h = await harness();
    h.fake.configure = (s) => {
      if (s.id === 'hangs') s.startHangs();
    };
    const started = Date.now();
    const hanging = h.manager.create(h.operator, { name: 'Hangs', engine: 'sandbox' });
    await vi.waitFor(() => expect(h.fake.sessionsFor('hangs')).toHaveLength(1), WAIT);
    expect(h.manager.get(h.operator, 'hangs').status).toBe('starting');

    await h.manager.create(h.operator, { name: 'Healthy', engine: 'sandbox' });
    h.fake.latest('healthy').connect();
    expect(h.manager.get(h.operator, 'healthy').status).toBe('connected');
    // The healthy session connected while the hanging one was still starting: no waiting in line.
    expect(h.manager.get(h.operator, 'hangs').status).toBe('starting');

    const failed = await hanging;
    expect(Date.now() - started).toBeGreaterThanOrEqual(h.config.startTimeoutMs - 5);
    expect(failed.status).toBe('failed');
    expect(failed.statusReason).toMatch(/did not start within/);
    const firstFailure = h.statusEvents.find(
      (e) => e.event.sessionId === 'hangs' && e.event.status === 'failed',
    );
    expect(firstFailure?.event.reason).toMatch(/^The (engine|session) did not start within \d+ s/);
    expect(h.fake.sessionsFor('hangs')[0]?.calls.stop).toBe(1);
    expect(h.manager.get(h.operator, 'healthy').status).toBe('connected');
  });

  it('fails with the engine’s own message when start rejects or throws synchronously', async () => {
    const h = await harness();
    h.fake.configure = (s) => {
      if (s.id === 'rejects') s.startRejects('Chromium not found at /usr/bin/chromium');
      if (s.id === 'throws') s.startThrowsSynchronously('Profile folder is locked');
    };
    const rejects = await h.manager.create(h.operator, { name: 'Rejects', engine: 'sandbox' });
    const throws = await h.manager.create(h.operator, { name: 'Throws', engine: 'sandbox' });
    expect(rejects.status).toBe('failed');
    expect(rejects.statusReason).toContain('Chromium not found at /usr/bin/chromium');
    expect(throws.status).toBe('failed');
    expect(throws.statusReason).toContain('Profile folder is locked');
    const reasons = h.statusEvents
      .filter((e) => e.event.status === 'failed')
      .map((e) => `${e.event.sessionId}: ${e.event.reason}`);
    expect(reasons).toContain('rejects: Chromium not found at /usr/bin/chromium');
    expect(reasons).toContain('throws: Profile folder is locked');
  });

  it('fails a session whose engine cannot even be created, without touching the others', async () => {
    const h = await harness();
    const healthy = await connected(h, h.operator, 'Healthy');
    h.fake.configure = (s) => {
      if (s.id === 'broken') throw new Error('auth folder is corrupt');
    };
    const broken = await h.manager.create(h.operator, { name: 'Broken', engine: 'sandbox' });
    expect(broken.status).toBe('failed');
    expect(broken.statusReason).toContain('Could not create the engine session: auth folder is corrupt');
    expect(h.manager.get(h.operator, 'healthy').status).toBe('connected');
    expect(healthy.calls.stop).toBe(0);
  });

  it('abandons an engine whose stop hangs; stop still completes with status stopped', async () => {
    const h = await harness();
    const engine = await connected(h, h.operator, 'Stuck');
    engine.stopHangs();
    const other = await connected(h, h.operator, 'Other');
    const began = Date.now();
    const stopping = h.manager.stop(h.operator, 'stuck');
    other.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await waitForStatus(h, 'other', 'reconnecting');
    const view = await stopping;
    // The stop hangs forever: finishing at all means it was abandoned after stopTimeoutMs.
    expect(Date.now() - began).toBeGreaterThanOrEqual(h.config.stopTimeoutMs - 5);
    expect(view).toMatchObject({ status: 'stopped', autoStart: false });
    expect(engine.calls.stop).toBe(1);
    expect(engine.listenerCount).toBe(0);
  });

  it('stop() interrupts a start that hangs instead of waiting for the start timeout', async () => {
    const h = await harness({ startTimeoutMs: HANGING_START_TIMEOUT_MS });
    h.fake.configure = (s) => s.startHangs();
    const starting = h.manager.create(h.operator, { name: 'Stuck', engine: 'sandbox' });
    await vi.waitFor(() => expect(h.fake.latest('stuck').calls.start).toBe(1), WAIT);
    const view = await h.manager.stop(h.operator, 'stuck');
    await starting;
    expect(view).toMatchObject({ status: 'stopped', autoStart: false });
  });

  it('shutdown() does not wait for a hanging start to time out', async () => {
    const h = await harness({ startTimeoutMs: HANGING_START_TIMEOUT_MS });
    h.fake.configure = (s) => s.startHangs();
    void h.manager.create(h.operator, { name: 'Stuck', engine: 'sandbox' }).catch(() => undefined);
    await vi.waitFor(() => expect(h.fake.latest('stuck').calls.start).toBe(1), WAIT);
    await h.manager.shutdown();
    expect(h.fake.latest('stuck').calls.stop).toBe(1);
  });

  it('does not time out a start that shows a QR code', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Waiting', engine: 'sandbox' });
    h.fake.latest('waiting').emit({ type: 'qr', qr: 'SCAN-ME', expiresAt: Date.now() + 60_000 });
    await sleep(h.config.startTimeoutMs * 2);
    expect(h.manager.get(h.operator, 'waiting')).toMatchObject({ status: 'qr', qr: { qr: 'SCAN-ME' } });
    expect(h.fake.sessionsFor('waiting')).toHaveLength(1);
    expect(h.fake.latest('waiting').calls.stop).toBe(0);
  });

  it('fails a session that starts but never shows a sign of life', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Silent', engine: 'sandbox' });
    await waitForStatus(h, 'silent', 'failed');
    const failure = h.statusEvents.find((e) => e.event.status === 'failed');
    expect(failure?.event.reason).toMatch(/^The session did not start within \d+ s$/);
    expect(h.fake.sessionsFor('silent')[0]?.calls.stop).toBe(1);
  });

  it('fails a session that authenticated but never became ready ("did not finish linking")', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Linking', engine: 'sandbox' });
    const engine = h.fake.latest('linking');
    engine.emit({ type: 'qr', qr: 'Q', expiresAt: 1 });
    await sleep(h.config.startTimeoutMs / 2);
    engine.emit({ type: 'authenticated' });
    expect(h.manager.get(h.operator, 'linking').status).toBe('authenticating');
    await waitForStatus(h, 'linking', 'failed');
    const failure = h.statusEvents.find((e) => e.event.status === 'failed');
    expect(failure?.event.reason).toMatch(/^The session did not finish linking within \d+ s$/);
    expect(engine.calls.stop).toBe(1);
    expect(engine.listenerCount).toBe(0);
  });
});
