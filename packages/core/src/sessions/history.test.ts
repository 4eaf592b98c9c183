import { sessionEvents } from '@switchboard/db';
import { describe, expect, it, vi } from 'vitest';
import { code, connected, harness, WAIT } from './test-support.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('session history', () => {
  it('keeps a timeline of status changes with their reasons, QR codes, drops and a transfer, newest first', async () => {
    const h = await harness();
    const phone = await connected(h, h.operator, 'Desk');
    phone.emit({ type: 'disconnected', reason: 'Network dropped', loggedOut: false });
    await vi.waitFor(() => expect(h.manager.get(h.operator, 'desk').status).toBe('reconnecting'), WAIT);
    h.manager.transfer(h.admin, 'desk', h.other.id);

    const { items } = h.manager.history.page(h.other, { sessionId: 'desk' }, { limit: 50 });
    const timeline = items.map((e) => [e.type, e.status, e.detail]);
    expect(timeline[0]).toEqual(['transferred', null, null]);
    expect(timeline).toContainEqual(['status', 'reconnecting', expect.stringContaining('Network dropped')]);
    expect(timeline.at(-1)).toEqual(['status', 'starting', null]);
    expect(timeline).toContainEqual(['status', 'connected', null]);
    expect(items.every((e) => e.sessionId === 'desk' && e.ownerId === h.other.id)).toBe(true);
    // Newest first: ids only go down.
    expect(items.map((e) => Number(e.id))).toEqual([...items.map((e) => Number(e.id))].sort((a, b) => b - a));
  });

  it('shows each user only the sessions they may see; a foreign one is not found', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Mine', engine: 'sandbox' });
    await h.manager.create(h.other, { name: 'Theirs', engine: 'sandbox' });

    const mine = h.manager.history.page(h.operator, {}, { limit: 50 }).items;
    expect(new Set(mine.map((e) => e.sessionId))).toEqual(new Set(['mine']));
    const all = h.manager.history.page(h.admin, { types: 'status' }, { limit: 50 }).items;
    expect(new Set(all.map((e) => e.sessionId))).toEqual(new Set(['mine', 'theirs']));
    expect(all.every((e) => e.type === 'status')).toBe(true);
    expect(() => h.manager.history.page(h.operator, { sessionId: 'theirs' }, { limit: 5 })).toThrow(
      code('NOT_FOUND'),
    );
    expect(() => h.manager.history.page(h.operator, {}, { limit: 5, cursor: 'x' })).toThrow(
      code('BAD_REQUEST'),
    );
  });

  it('pages with a cursor, none repeated or skipped', async () => {
    const h = await harness();
    const phone = await connected(h, h.operator, 'Desk');
    for (let i = 0; i < 3; i++) phone.emit({ type: 'qr', qr: `code-${i}`, expiresAt: Date.now() + 60_000 });
    const all = h.manager.history.page(h.operator, {}, { limit: 100 }).items.map((e) => e.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = h.manager.history.page(h.operator, {}, { limit: 2, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('trims entries past their retention time, then each session past its cap', async () => {
    const h = await harness({ history: { retentionMs: 7 * DAY, maxPerSession: 3 } });
    await h.manager.create(h.operator, { name: 'Old', engine: 'sandbox', start: false });
    await h.manager.create(h.operator, { name: 'Busy', engine: 'sandbox', start: false });
    const now = Date.now();
    h.db
      .insert(sessionEvents)
      .values([
        { accountId: 'old', type: 'qr', at: now - 8 * DAY },
        { accountId: 'old', type: 'status', status: 'connected', at: now - 6 * DAY },
        ...Array.from({ length: 5 }, (_, i) => ({ accountId: 'busy', type: 'qr' as const, at: now - 5 + i })),
      ])
      .run();

    expect(h.manager.history.trim(now)).toBe(3);
    const left = (id: string) =>
      h.manager.history.page(h.operator, { sessionId: id }, { limit: 50 }).items.map((e) => e.at);
    expect(left('old')).toEqual([now - 6 * DAY]);
    expect(left('busy')).toEqual([now - 1, now - 2, now - 3]);
  });

  it('streams entries as they are recorded, and resumes after the last one seen from the table', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Desk', engine: 'sandbox', start: false });
    await h.manager.create(h.other, { name: 'Theirs', engine: 'sandbox', start: false });
    const abort = new AbortController();
    const stream = h.manager.history.stream(
      h.operator,
      { types: ['status'] },
      {
        signal: abort.signal,
        actorNow: () => h.operator,
      },
    );
    const received: Array<{ id: string; sessionId: string; status: string | null }> = [];
    const reading = (async () => {
      for await (const entry of stream) received.push(entry);
    })().catch(() => {});

    await h.manager.start(h.other, 'theirs');
    await h.manager.start(h.operator, 'desk');
    h.fake.latest('desk').emit({ type: 'qr', qr: 'code-1', expiresAt: Date.now() + 60_000 });
    await vi.waitFor(
      () => expect(received.map((e) => e.status).slice(0, 2)).toEqual(['starting', 'qr']),
      WAIT,
    );
    expect(received.every((e) => e.sessionId === 'desk')).toBe(true);
    abort.abort();
    await reading;

    // A new stream from the first entry seen gets what came after it, from the table.
    const again = new AbortController();
    const resumed = h.manager.history.stream(
      h.operator,
      { types: ['status'] },
      {
        after: received[0]!.id,
        signal: again.signal,
        actorNow: () => h.operator,
      },
    );
    const first = await resumed.next();
    expect(first.value).toMatchObject({ id: received[1]!.id, status: 'qr' });
    again.abort();
    await resumed.return(undefined);
  });
});
