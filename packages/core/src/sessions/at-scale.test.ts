import { accounts } from '@switchboard/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { code, connected, harness, rowOf } from './test-support.ts';

describe('sessions.update', () => {
  it('renames, toggles auto-start and sets a proxy in one go, leaving out what was not given', async () => {
    const h = await harness({}, { webjs: true });
    await h.manager.create(h.operator, { name: 'Real', engine: 'webjs', start: false });

    const updated = h.manager.update(h.operator, 'real', {
      name: '  Sales desk  ',
      autoStart: true,
      proxy: 'http://ana:secret@proxy.example:3128',
    });
    expect(updated).toMatchObject({
      name: 'Sales desk',
      autoStart: true,
      proxy: 'http://ana:***@proxy.example:3128',
    });
    expect(rowOf(h.db, 'real')?.proxy).toBe('http://ana:secret@proxy.example:3128');

    expect(h.manager.update(h.operator, 'real', { autoStart: false })).toMatchObject({
      name: 'Sales desk',
      autoStart: false,
      proxy: 'http://ana:***@proxy.example:3128',
    });
    expect(h.manager.update(h.operator, 'real', { proxy: null }).proxy).toBeNull();
  });

  it('hands the proxy to the engine at the next start', async () => {
    const h = await harness({}, { webjs: true });
    await h.manager.create(h.operator, { name: 'Real', engine: 'webjs', start: false });
    h.manager.update(h.operator, 'real', { proxy: 'socks5://10.0.0.5:1080' });
    await h.manager.start(h.operator, 'real');
    expect(h.webjs.latest('real').options.proxy).toEqual({ server: 'socks5://10.0.0.5:1080' });
  });

  it('refuses a bad name, a bad proxy, a proxy for the sandbox and an empty change, changing nothing', async () => {
    const h = await harness({}, { webjs: true });
    await h.manager.create(h.operator, { name: 'Real', engine: 'webjs', start: false });
    await h.manager.create(h.operator, { name: 'Play', engine: 'sandbox', start: false });
    const before = rowOf(h.db, 'real');

    expect(() => h.manager.update(h.operator, 'real', { name: ' ', autoStart: true })).toThrow(
      'Session name must be 1 to 100 characters',
    );
    expect(() => h.manager.update(h.operator, 'real', { name: 'New', proxy: 'ftp://proxy:21' })).toThrow(
      /Proxy URL must start with http:\/\//,
    );
    expect(() => h.manager.update(h.operator, 'play', { proxy: 'http://proxy.example:3128' })).toThrow(
      /sandbox engine, which has no network of its own/,
    );
    expect(() => h.manager.update(h.operator, 'real', {})).toThrow(code('BAD_REQUEST'));
    expect(rowOf(h.db, 'real')).toEqual(before);
    expect(rowOf(h.db, 'play')?.proxy).toBeNull();
  });
});

describe('sessions.transfer', () => {
  it('hands a session to another user: the owner changes and the stream tells both owners', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Desk', engine: 'sandbox', start: false });

    const moved = h.manager.transfer(h.admin, 'desk', h.other.id);
    expect(moved).toMatchObject({
      ownerId: h.other.id,
      owner: { id: h.other.id, email: 'otto@example.com' },
    });
    expect(h.manager.list(h.other).map((s) => s.id)).toEqual(['desk']);
    expect(h.manager.list(h.operator)).toEqual([]);
    expect(() => h.manager.get(h.operator, 'desk')).toThrow(code('NOT_FOUND'));
    expect(h.sessionEvents.at(-1)).toMatchObject({
      type: 'transferred',
      sessionId: 'desk',
      ownerId: h.other.id,
      previousOwnerId: h.operator.id,
    });

    // Handing it to its owner changes nothing and tells nobody.
    const told = h.sessionEvents.length;
    h.manager.transfer(h.admin, 'desk', h.other.id);
    expect(h.sessionEvents).toHaveLength(told);
  });

  it('is for admins, to a user that exists and has room for one more', async () => {
    const h = await harness({ maxSessionsPerUser: 1 });
    await h.manager.create(h.operator, { name: 'Desk', engine: 'sandbox', start: false });
    await h.manager.create(h.other, { name: 'Full', engine: 'sandbox', start: false });

    expect(() => h.manager.transfer(h.operator, 'desk', h.other.id)).toThrow(code('FORBIDDEN'));
    expect(() => h.manager.transfer(h.other, 'desk', h.other.id)).toThrow(code('NOT_FOUND'));
    expect(() => h.manager.transfer(h.admin, 'desk', 'nobody')).toThrow('User nobody not found');
    expect(() => h.manager.transfer(h.admin, 'desk', h.other.id)).toThrow(
      /already has 1 sessions, the limit per user \(MAX_SESSIONS_PER_USER=1\)/,
    );
    expect(rowOf(h.db, 'desk')?.ownerId).toBe(h.operator.id);
  });

  it('shows admins who owns each session, and nobody else', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Desk', engine: 'sandbox', start: false });
    expect(h.manager.get(h.admin, 'desk').owner).toMatchObject({
      id: h.operator.id,
      email: 'olga@example.com',
    });
    expect(h.manager.list(h.admin)[0]?.owner?.email).toBe('olga@example.com');
    expect(h.manager.get(h.operator, 'desk').owner).toBeNull();
    expect(h.manager.list(h.operator)[0]?.owner).toBeNull();
  });
});

describe('bulk commands', () => {
  it('stops several sessions and answers for each, a foreign one refused like a missing one', async () => {
    const h = await harness();
    for (const name of ['A', 'B', 'C']) await connected(h, h.operator, name);
    await h.manager.create(h.other, { name: 'Theirs', engine: 'sandbox', start: false });

    const results = await h.manager.bulk(h.operator, 'stop', ['a', 'b', 'c', 'theirs', 'a']);
    expect(results.map((r) => [r.id, r.ok])).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
      ['theirs', false],
    ]);
    expect(results[3]).toMatchObject({ code: 'NOT_FOUND', message: 'Session theirs not found' });
    expect(h.manager.list(h.operator).map((s) => s.status)).toEqual(['stopped', 'stopped', 'stopped']);

    const started = await h.manager.bulk(h.operator, 'start', ['a', 'b']);
    expect(started.every((r) => r.ok && r.session.status !== 'stopped')).toBe(true);
  });

  it('takes at least one and at most 100 sessions', async () => {
    const h = await harness();
    await expect(h.manager.bulk(h.operator, 'stop', [])).rejects.toThrow('Choose at least one session');
    const many = Array.from({ length: 101 }, (_, i) => `s${i}`);
    await expect(h.manager.bulk(h.operator, 'restart', many)).rejects.toThrow('At most 100 sessions at once');
  });
});

describe('finding sessions among many', () => {
  async function fleet() {
    const h = await harness({ maxSessions: 100, maxSessionsPerUser: 50 });
    const names = ['Berlin sales', 'Lisbon support', 'Jakarta sales', 'Madrid 50% off', 'Cairo desk'];
    for (const [i, name] of names.entries()) {
      const { id } = await h.manager.create(h.operator, { name, engine: 'sandbox', start: false });
      // A second apart, as people create them: two creations in the same millisecond would tie.
      h.db
        .update(accounts)
        .set({ createdAt: Date.UTC(2026, 0, 1) + i * 1000 })
        .where(eq(accounts.id, id))
        .run();
    }
    await h.manager.create(h.other, { name: 'Otto private', engine: 'sandbox', start: false });
    h.db
      .update(accounts)
      .set({ phone: '4915112345678', status: 'failed' })
      .where(eq(accounts.id, 'berlin-sales'))
      .run();
    h.db.update(accounts).set({ status: 'connected' }).where(eq(accounts.id, 'jakarta-sales')).run();
    return h;
  }
  const ids = (views: Array<{ id: string }>) => views.map((s) => s.id);

  it('searches name, id and phone (whatever the punctuation typed), literally', async () => {
    const h = await fleet();
    expect(ids(h.manager.list(h.operator, { search: 'SALES', sort: 'name' }))).toEqual([
      'berlin-sales',
      'jakarta-sales',
    ]);
    expect(ids(h.manager.list(h.operator, { search: '+49 151 123' }))).toEqual(['berlin-sales']);
    expect(ids(h.manager.list(h.operator, { search: 'lisbon-sup' }))).toEqual(['lisbon-support']);
    expect(ids(h.manager.list(h.operator, { search: '50%' }))).toEqual(['madrid-50-off']);
    expect(ids(h.manager.list(h.operator, { search: '%' }))).toEqual(['madrid-50-off']);
    // Someone else's session is never found, whatever is searched.
    expect(h.manager.list(h.operator, { search: 'Otto' })).toEqual([]);
  });

  it('filters by status, engine and owner, and puts what needs attention first', async () => {
    const h = await fleet();
    expect(ids(h.manager.list(h.operator, { status: ['failed', 'connected'], sort: 'name' }))).toEqual([
      'berlin-sales',
      'jakarta-sales',
    ]);
    expect(ids(h.manager.list(h.operator, { status: 'connected' }))).toEqual(['jakarta-sales']);
    expect(h.manager.list(h.operator, { engine: 'webjs' })).toEqual([]);
    expect(ids(h.manager.list(h.admin, { ownerId: h.other.id }))).toEqual(['otto-private']);
    expect(h.manager.list(h.operator, { ownerId: h.other.id })).toEqual([]);
    expect(ids(h.manager.list(h.operator)).slice(0, 2)).toEqual(['berlin-sales', 'lisbon-support']);
    expect(ids(h.manager.list(h.operator, { sort: 'attention' })).slice(0, 3)).toEqual([
      'berlin-sales',
      'jakarta-sales',
      'cairo-desk',
    ]);
    expect(ids(h.manager.list(h.operator, { sort: 'name', order: 'desc' }))).toEqual([
      'madrid-50-off',
      'lisbon-support',
      'jakarta-sales',
      'cairo-desk',
      'berlin-sales',
    ]);
  });

  it('pages through matches with the total on every page', async () => {
    const h = await fleet();
    const first = h.manager.page(h.operator, { sort: 'name' }, { limit: 2, offset: 0 });
    expect(first).toMatchObject({ total: 5, nextOffset: 2 });
    expect(ids(first.items)).toEqual(['berlin-sales', 'cairo-desk']);
    const last = h.manager.page(h.operator, { sort: 'name' }, { limit: 2, offset: 4 });
    expect(last).toMatchObject({ total: 5, nextOffset: null });
    expect(ids(last.items)).toEqual(['madrid-50-off']);
    expect(h.manager.page(h.operator, { search: 'sales' }, { limit: 10, offset: 0 }).total).toBe(2);
  });
});
