import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { accounts } from '@switchboard/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { code, connected, harness, rowOf, statusesOf, waitForStatus } from './test-support.ts';

// The session manager's commands: create, start/stop/restart, lookups, boot and shutdown, logout and delete.

describe('SessionManager.create', () => {
  it('derives the id from the name, or takes an explicit one', async () => {
    const h = await harness();
    const derived = await h.manager.create(h.operator, {
      name: '  Sales — Berlin #1 ',
      engine: 'sandbox',
      start: false,
    });
    expect(derived).toMatchObject({
      id: 'sales-berlin-1',
      name: 'Sales — Berlin #1',
      engine: 'sandbox',
      ownerId: h.operator.id,
      status: 'stopped',
      autoStart: false,
      qr: null,
      nextRetryAt: null,
    });
    const explicit = await h.manager.create(h.operator, {
      id: 'support_2',
      name: 'Support',
      engine: 'sandbox',
      start: false,
    });
    expect(explicit.id).toBe('support_2');
    expect(h.fake.sessions).toHaveLength(0);
  });

  it('starts the new session unless told not to', async () => {
    const h = await harness();
    const view = await h.manager.create(h.operator, { name: 'Sales', engine: 'sandbox' });
    expect(view).toMatchObject({ id: 'sales', status: 'starting', autoStart: true });
    expect(h.fake.latest('sales').calls.start).toBe(1);
    expect(h.fake.latest('sales').options.dataDir).toBe(join(h.config.sessionsDir, 'sales'));
    expect(existsSync(join(h.config.sessionsDir, 'sales'))).toBe(true);
  });

  it('refuses invalid ids, taken ids, unknown engines and blank names', async () => {
    const h = await harness();
    for (const id of ['Bad Id', '../etc', '-lead', 'x'.repeat(65), '']) {
      await expect(h.manager.create(h.operator, { id, name: 'X', engine: 'sandbox' })).rejects.toThrow(
        code('BAD_REQUEST'),
      );
    }
    await expect(
      h.manager.create(h.operator, { id: 'Bad Id', name: 'X', engine: 'sandbox' }),
    ).rejects.toThrow('Session id "Bad Id" is invalid');

    await h.manager.create(h.operator, { name: 'Sales', engine: 'sandbox', start: false });
    await expect(h.manager.create(h.other, { name: 'sales', engine: 'sandbox' })).rejects.toThrow(
      code('CONFLICT'),
    );
    await expect(
      h.manager.create(h.other, { id: 'sales', name: 'Other', engine: 'sandbox' }),
    ).rejects.toThrow('Session id "sales" is already taken');

    const webjs = h.manager.create(h.operator, { name: 'Real', engine: 'webjs' });
    await expect(webjs).rejects.toThrow(code('BAD_REQUEST'));
    await expect(h.manager.create(h.operator, { name: 'Real', engine: 'webjs' })).rejects.toThrow(
      'Engine "webjs" is not enabled on this server (available: sandbox)',
    );

    await expect(h.manager.create(h.operator, { name: '   ', engine: 'sandbox' })).rejects.toThrow(
      code('BAD_REQUEST'),
    );
    expect(h.manager.list(h.admin).map((s) => s.id)).toEqual(['sales']);
    expect(h.fake.sessions).toHaveLength(0);
  });

  it('enforces MAX_SESSIONS and the per-user limit with PRECONDITION_FAILED', async () => {
    const h = await harness({ maxSessions: 3, maxSessionsPerUser: 2 });
    await h.manager.create(h.operator, { name: 'One', engine: 'sandbox', start: false });
    await h.manager.create(h.operator, { name: 'Two', engine: 'sandbox', start: false });
    await expect(h.manager.create(h.operator, { name: 'Three', engine: 'sandbox' })).rejects.toThrow(
      code('PRECONDITION_FAILED'),
    );
    await expect(h.manager.create(h.operator, { name: 'Three', engine: 'sandbox' })).rejects.toThrow(
      'MAX_SESSIONS_PER_USER=2',
    );
    await h.manager.create(h.other, { name: 'Three', engine: 'sandbox', start: false });
    await expect(h.manager.create(h.admin, { name: 'Four', engine: 'sandbox' })).rejects.toThrow(
      'MAX_SESSIONS=3',
    );
    expect(h.manager.list(h.admin)).toHaveLength(3);
  });
});

describe('SessionManager commands', () => {
  it('start on a running session leaves it as it is; stop and restart work from connected', async () => {
    const h = await harness();
    const engine = await connected(h, h.operator, 'Sales');
    await h.manager.start(h.operator, 'sales');
    expect(h.fake.sessionsFor('sales')).toHaveLength(1);
    expect(h.manager.get(h.operator, 'sales').status).toBe('connected');

    const restarted = await h.manager.restart(h.operator, 'sales');
    expect(engine.calls.stop).toBe(1);
    expect(restarted.status).toBe('starting');
    expect(h.fake.sessionsFor('sales')).toHaveLength(2);
    h.fake.latest('sales').connect();

    const stopped = await h.manager.stop(h.operator, 'sales');
    expect(stopped).toMatchObject({ status: 'stopped', statusReason: null, autoStart: false });
    expect(h.fake.latest('sales').calls.stop).toBe(1);
    expect(statusesOf(h, 'sales')).toEqual([
      'stopped',
      'starting',
      'connected',
      'stopped',
      'starting',
      'connected',
      'stopped',
    ]);
  });

  it('answers lookups and pairing-code requests only in the right status', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Sales', engine: 'sandbox' });
    const engine = h.fake.latest('sales');
    await expect(h.manager.requestPairingCode(h.operator, 'sales', '4915123456789')).rejects.toThrow(
      'is not waiting to be linked (status: starting)',
    );
    engine.emit({ type: 'qr', qr: 'Q', expiresAt: 1 });
    await expect(h.manager.requestPairingCode(h.operator, 'sales', '4915123456789')).resolves.toBe(
      'ABCD1234',
    );
    expect(engine.calls.pairingCode).toEqual(['4915123456789']);
    await expect(h.manager.lookup(h.operator, 'sales', 'list groups', (e) => e.listGroups())).rejects.toThrow(
      'Session sales is not connected (status: qr)',
    );
    expect(() => h.manager.connectedEngine('sales')).toThrow(code('PRECONDITION_FAILED'));

    engine.connect();
    engine.listGroupsImpl = async () => [{ id: 'g1', name: 'Team', participants: 3 }];
    await expect(
      h.manager.lookup(h.operator, 'sales', 'list groups', (e) => e.listGroups()),
    ).resolves.toEqual([{ id: 'g1', name: 'Team', participants: 3 }]);
    engine.listChatsImpl = async () => {
      throw new Error('browser crashed');
    };
    await expect(h.manager.lookup(h.operator, 'sales', 'list chats', (e) => e.listChats())).rejects.toThrow(
      'Session sales could not list chats: browser crashed',
    );
    engine.checkNumberImpl = () => new Promise(() => {});
    await expect(
      h.manager.lookup(h.operator, 'sales', 'check a number', (e) => e.checkNumber('1')),
    ).rejects.toThrow(code('PRECONDITION_FAILED'));
  });
});

describe('SessionManager restore and shutdown', () => {
  it('restores sessions left running by a previous run and repairs stale statuses', async () => {
    const h = await harness();
    await connected(h, h.operator, 'Alpha');
    await connected(h, h.other, 'Beta');
    await h.manager.create(h.operator, { name: 'Gamma', engine: 'sandbox', start: false });
    await h.manager.create(h.operator, { name: 'Delta', engine: 'sandbox', start: false });
    // Gamma was showing a QR when the previous run died, but the operator had stopped wanting it.
    h.db.update(accounts).set({ status: 'qr', autoStart: false }).where(eq(accounts.id, 'gamma')).run();
    h.db
      .update(accounts)
      .set({ status: 'failed', statusReason: 'QR code not scanned in time' })
      .where(eq(accounts.id, 'delta'))
      .run();

    const next = h.nextRun();
    await next.manager.restore();
    expect(next.fake.sessionsFor('alpha')).toHaveLength(1);
    expect(next.fake.sessionsFor('beta')).toHaveLength(1);
    expect(next.fake.sessionsFor('gamma')).toHaveLength(0);
    expect(next.fake.sessionsFor('delta')).toHaveLength(0);
    expect(next.fake.latest('alpha').calls.start).toBe(1);
    expect(next.manager.get(h.admin, 'alpha')).toMatchObject({ status: 'starting', autoStart: true });
    expect(next.manager.get(h.admin, 'gamma')).toMatchObject({
      status: 'stopped',
      statusReason: 'Server restarted',
    });
    expect(next.manager.get(h.admin, 'delta')).toMatchObject({
      status: 'failed',
      statusReason: 'QR code not scanned in time',
    });

    next.fake.latest('alpha').connect();
    next.fake.latest('beta').connect();
    expect(next.manager.stats(h.admin).byStatus.connected).toBe(2);
  });

  it('stops every engine on shutdown but keeps them wanted, so the next run restores them', async () => {
    const h = await harness();
    const alpha = await connected(h, h.operator, 'Alpha');
    const beta = await connected(h, h.other, 'Beta');
    beta.stopHangs();
    await h.manager.create(h.operator, { name: 'Idle', engine: 'sandbox', start: false });

    await h.manager.shutdown(); // finishes although beta's stop hangs forever
    expect(alpha.calls.stop).toBe(1);
    expect(beta.calls.stop).toBe(1);
    for (const id of ['alpha', 'beta']) {
      expect(h.manager.get(h.admin, id)).toMatchObject({
        status: 'stopped',
        statusReason: 'Server shut down',
        autoStart: true,
      });
    }
    expect(h.manager.get(h.admin, 'idle')).toMatchObject({ status: 'stopped', autoStart: false });
    await expect(h.manager.create(h.operator, { name: 'Late', engine: 'sandbox' })).rejects.toThrow(
      'The server is shutting down',
    );
    await expect(h.manager.start(h.operator, 'idle')).rejects.toThrow(code('PRECONDITION_FAILED'));

    const next = h.nextRun();
    await next.manager.restore();
    expect(next.fake.sessions.map((s) => s.id).sort()).toEqual(['alpha', 'beta']);
    expect(next.manager.get(h.admin, 'alpha').status).toBe('starting');
  });

  it('marks a session waiting to reconnect as stopped on shutdown, and schedules no more attempts', async () => {
    const h = await harness({ reconnectBaseMs: 200, reconnectMaxMs: 200 });
    const engine = await connected(h, h.operator, 'Dropped');
    engine.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await waitForStatus(h, 'dropped', 'reconnecting');
    await h.manager.shutdown();
    await sleep(300);
    expect(h.fake.sessionsFor('dropped')).toHaveLength(1);
    expect(h.manager.get(h.admin, 'dropped')).toMatchObject({
      status: 'stopped',
      statusReason: 'Server shut down',
      autoStart: true,
    });
  });
});

describe('SessionManager logout and delete', () => {
  it('logs out a stopped session through a fresh engine session, without starting it', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Dormant', engine: 'sandbox', start: false });
    const view = await h.manager.logout(h.operator, 'dormant');
    expect(view).toMatchObject({ status: 'logged_out', statusReason: 'Logged out', autoStart: false });
    const dormant = h.fake.latest('dormant');
    expect(dormant.calls).toMatchObject({ start: 0, logout: 1 });
    expect(dormant.options.dataDir).toBe(join(h.config.sessionsDir, 'dormant'));
  });

  it('logs out a running session through its own engine, abandoning a logout that hangs', async () => {
    const h = await harness();
    const engine = await connected(h, h.operator, 'Live');
    engine.logoutHangs();
    const view = await h.manager.logout(h.operator, 'live');
    expect(view).toMatchObject({ status: 'logged_out', phone: null, pushName: null, autoStart: false });
    expect(engine.calls.logout).toBe(1);
    expect(h.fake.sessionsFor('live')).toHaveLength(1);

    const restarted = await h.manager.start(h.operator, 'live');
    expect(restarted.status).toBe('starting');
  });

  it('logs out a session waiting to reconnect: no retry is shown or attempted afterwards', async () => {
    const h = await harness({ reconnectBaseMs: 200, reconnectMaxMs: 200 });
    const engine = await connected(h, h.operator, 'Dropped');
    engine.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await waitForStatus(h, 'dropped', 'reconnecting');
    expect(h.manager.get(h.operator, 'dropped').nextRetryAt).not.toBeNull();
    const view = await h.manager.logout(h.operator, 'dropped');
    expect(view).toMatchObject({ status: 'logged_out', autoStart: false, nextRetryAt: null });
    await sleep(300);
    expect(h.fake.sessionsFor('dropped').filter((s) => s.calls.start > 0)).toHaveLength(1);
    expect(h.manager.get(h.operator, 'dropped').status).toBe('logged_out');
  });

  it('deletes a session: engine logged out, data folder and row removed, `deleted` published', async () => {
    const h = await harness();
    const engine = await connected(h, h.operator, 'Gone');
    const dataDir = join(h.config.sessionsDir, 'gone');
    await writeFile(join(dataDir, 'auth.json'), '{}');
    await h.manager.delete(h.operator, 'gone');
    expect(engine.calls.logout).toBe(1);
    expect(existsSync(dataDir)).toBe(false);
    expect(rowOf(h.db, 'gone')).toBeUndefined();
    expect(() => h.manager.get(h.admin, 'gone')).toThrow(code('NOT_FOUND'));
    expect(h.sessionEvents.at(-1)).toMatchObject({
      type: 'deleted',
      sessionId: 'gone',
      ownerId: h.operator.id,
    });

    // The id is free again.
    await h.manager.create(h.operator, { name: 'Gone', engine: 'sandbox', start: false });
  });

  it('deletes a stopped session after logging out its stored auth', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Stopped', engine: 'sandbox', start: false });
    await h.manager.delete(h.operator, 'stopped');
    expect(h.fake.latest('stopped').calls).toMatchObject({ start: 0, logout: 1 });
    expect(existsSync(join(h.config.sessionsDir, 'stopped'))).toBe(false);
    expect(h.manager.list(h.admin)).toHaveLength(0);
  });

  it('deletes a session waiting to reconnect without a later attempt bringing it back', async () => {
    const h = await harness({ reconnectBaseMs: 40, reconnectMaxMs: 40 });
    const engine = await connected(h, h.operator, 'Dropped');
    engine.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await waitForStatus(h, 'dropped', 'reconnecting');
    await h.manager.delete(h.operator, 'dropped');
    await sleep(100);
    // Only the dormant logout's engine session was created after the drop; nothing started.
    expect(h.fake.sessionsFor('dropped').every((s) => s === engine || s.calls.start === 0)).toBe(true);
    expect(existsSync(join(h.config.sessionsDir, 'dropped'))).toBe(false);
    expect(rowOf(h.db, 'dropped')).toBeUndefined();
  });
});
