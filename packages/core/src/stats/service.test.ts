import { messages } from '@switchboard/db';
import type { MessageStatus } from '@switchboard/validators';
import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { dailyStatusCounts } from './daily-counts.ts';
import { lastDays } from './days.ts';
import { STUCK_AFTER_MS } from './service.ts';
import { addAccount, addMessage, addWebhook, statsWorld } from './test-support.ts';

const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-11-30T12:00:00Z');
const code = (c: string) => expect.objectContaining({ code: c });

describe('stats.messages', () => {
  it('counts each day in the asked time zone, outgoing at the furthest stage they reached', async () => {
    const { db, olga, stats } = await statsWorld();
    addAccount(db, olga, 'sales');
    // 23:30 UTC on the 28th is already the 29th in Berlin (UTC+1 in November).
    addMessage(db, 'sales', 'out', 'read', at('2026-11-28T23:30:00Z'));
    addMessage(db, 'sales', 'out', 'delivered', at('2026-11-29T10:00:00Z'));
    addMessage(db, 'sales', 'out', 'sent', at('2026-11-29T10:00:00Z'));
    addMessage(db, 'sales', 'out', 'failed', at('2026-11-29T10:00:00Z'));
    addMessage(db, 'sales', 'out', 'unknown', at('2026-11-30T08:00:00Z'));
    addMessage(db, 'sales', 'out', 'queued', at('2026-11-30T08:00:00Z'));
    addMessage(db, 'sales', 'in', 'received', at('2026-11-30T08:00:00Z'));
    // Before the window: 30 days back from the 30th starts on 1 November.
    addMessage(db, 'sales', 'in', 'received', at('2026-10-31T12:00:00Z'));

    const utc = stats.messages(olga, {}, NOW);
    expect(utc.days).toHaveLength(30);
    expect(utc.days[0]?.date).toBe('2026-11-01');
    expect(utc.days.at(-1)?.date).toBe('2026-11-30');
    expect(utc.days.at(-3)).toEqual({
      date: '2026-11-28',
      sent: 1,
      delivered: 1,
      read: 1,
      failed: 0,
      unknown: 0,
      received: 0,
    });
    expect(utc.totals).toEqual({ sent: 3, delivered: 2, read: 1, failed: 1, unknown: 1, received: 1 });
    expect(utc.deliveryRate).toBeCloseTo(2 / 3);
    expect(utc.readRate).toBeCloseTo(1 / 3);

    const berlin = stats.messages(olga, { timeZone: 'Europe/Berlin', days: 3 }, NOW);
    expect(berlin.timeZone).toBe('Europe/Berlin');
    expect(berlin.days.map((d) => [d.date, d.sent, d.failed, d.received])).toEqual([
      ['2026-11-28', 0, 0, 0],
      ['2026-11-29', 3, 1, 0],
      ['2026-11-30', 0, 0, 1],
    ]);
  });

  it('matches a direct SQL count per day, and an operator sees only their own accounts', async () => {
    const { db, admin, olga, otto, stats } = await statsWorld();
    for (const id of ['o1', 'o2']) addAccount(db, olga, id);
    addAccount(db, otto, 't1');
    const statuses = ['sent', 'delivered', 'read', 'failed', 'unknown'] as const;
    let n = 0;
    for (const account of ['o1', 'o2', 't1'])
      for (let hour = 0; hour < 24 * 10; hour += 5) {
        const status = statuses[n++ % statuses.length] ?? 'sent';
        addMessage(db, account, 'out', status, NOW - hour * 3_600_000);
        if (hour % 3 === 0) addMessage(db, account, 'in', 'received', NOW - hour * 3_600_000);
      }

    const tz = 'America/Sao_Paulo';
    const own = stats.messages(olga, { days: 7, timeZone: tz }, NOW);
    for (const day of own.days) {
      const range = { start: at(`${day.date}T03:00:00Z`), end: at(`${day.date}T03:00:00Z`) + 86_400_000 };
      const direct = (accountIds: string[], direction: 'in' | 'out', status: MessageStatus[]) =>
        db
          .select({ n: count() })
          .from(messages)
          .where(
            and(
              inArray(messages.accountId, accountIds),
              eq(messages.direction, direction),
              inArray(messages.status, status),
              gte(messages.createdAt, range.start),
              lt(messages.createdAt, range.end),
            ),
          )
          .get()?.n;
      expect(day.sent).toBe(direct(['o1', 'o2'], 'out', ['sent', 'delivered', 'read', 'played']));
      expect(day.read).toBe(direct(['o1', 'o2'], 'out', ['read', 'played']));
      expect(day.failed).toBe(direct(['o1', 'o2'], 'out', ['failed']));
      expect(day.received).toBe(direct(['o1', 'o2'], 'in', ['received']));
    }
    const all = stats.messages(admin, { days: 7, timeZone: tz }, NOW);
    const one = stats.messages(otto, { days: 7, timeZone: tz }, NOW);
    expect(all.totals.sent).toBe(own.totals.sent + one.totals.sent);
    expect(all.totals.received).toBe(own.totals.received + one.totals.received);
    expect(stats.messages(olga, { sessionId: 'o1', days: 7 }, NOW).totals.sent).toBeLessThan(own.totals.sent);
  });

  it("answers NOT_FOUND for someone else's account exactly like a missing one", async () => {
    const { db, olga, otto, stats } = await statsWorld();
    addAccount(db, otto, 'theirs');
    const theirs = () => stats.messages(olga, { sessionId: 'theirs' });
    const missing = () => stats.messages(olga, { sessionId: 'nope' });
    expect(theirs).toThrow(code('NOT_FOUND'));
    expect(theirs).toThrow('Session theirs not found');
    expect(missing).toThrow('Session nope not found');
    expect(() => stats.sessions(olga, { sessionId: 'theirs' })).toThrow(code('NOT_FOUND'));
  });

  it('refuses an unknown time zone and days out of range', async () => {
    const { olga, stats } = await statsWorld();
    expect(() => stats.messages(olga, { timeZone: 'Mars/Olympus' })).toThrow(
      /Unknown time zone "Mars\/Olympus"/,
    );
    expect(() => stats.messages(olga, { days: 0 })).toThrow(code('BAD_REQUEST'));
    expect(() => stats.messages(olga, { days: 91 })).toThrow(/from 1 to 90/);
    expect(stats.messages(olga, { days: 90 }).days).toHaveLength(90);
  });

  it('gives rates of null and zero days on a fresh install', async () => {
    const { olga, stats } = await statsWorld();
    const fresh = stats.messages(olga, {});
    expect(fresh.totals.sent).toBe(0);
    expect(fresh.deliveryRate).toBeNull();
    expect(fresh.days.every((d) => d.received === 0)).toBe(true);
  });

  it('counts from the index alone, one range per day, status and account, nothing sorted', async () => {
    const { db } = await statsWorld();
    const ranges = lastDays(30, 'Europe/Berlin', NOW);
    const ids = Array.from({ length: 20 }, (_, i) => `account-${i}`);
    const plan = db.all<{ detail: string }>(sql`explain query plan ${dailyStatusCounts(ids, ranges)}`);
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toMatch(
      /SEARCH messages USING COVERING INDEX messages_account_status_created_idx \(account_id=\? AND status=\? AND created_at>\? AND created_at<\?\)/,
    );
    expect(details).not.toMatch(/TEMP B-TREE|SCAN messages/);
  });
});

describe('stats.sessions', () => {
  it('counts visible sessions by status, and those under the reach-out limit', async () => {
    const { db, admin, olga, otto, stats } = await statsWorld();
    addAccount(db, olga, 'a', { status: 'connected', limitedReason: 'WhatsApp limits new chats' });
    addAccount(db, olga, 'b', { status: 'connected', limitedReason: 'over', limitedUntil: NOW - 1 });
    addAccount(db, olga, 'c', { status: 'failed' });
    addAccount(db, otto, 'd', { status: 'qr' });
    const own = stats.sessions(olga, {}, NOW);
    expect(own.total).toBe(3);
    expect(own.byStatus).toMatchObject({ connected: 2, failed: 1, qr: 0, stopped: 0 });
    expect(own.limited).toBe(1);
    expect(stats.sessions(admin, {}, NOW).byStatus.qr).toBe(1);
    expect(stats.sessions(olga, { sessionId: 'c' }, NOW)).toMatchObject({ total: 1, limited: 0 });
  });
});

describe('stats.attention', () => {
  it('lists failed, logged-out, stuck and limited accounts with the reason, only the visible ones', async () => {
    const { db, admin, olga, otto, stats } = await statsWorld();
    addAccount(db, olga, 'ok', { status: 'connected' });
    addAccount(db, olga, 'broken', {
      status: 'failed',
      statusReason: 'Browser not found',
      statusChangedAt: NOW - 5,
    });
    addAccount(db, olga, 'gone', { status: 'logged_out', statusChangedAt: NOW - 10 });
    addAccount(db, olga, 'slow', {
      status: 'reconnecting',
      statusChangedAt: NOW - STUCK_AFTER_MS - 10 * 60_000,
    });
    addAccount(db, olga, 'fresh', { status: 'reconnecting', statusChangedAt: NOW - 1_000 });
    addAccount(db, olga, 'held', {
      status: 'connected',
      limitedReason: 'Reach-out limit',
      limitedUntil: NOW + 60_000,
    });
    addAccount(db, otto, 'other', { status: 'failed' });

    const items = stats.attention(olga, NOW);
    expect(items.map((i) => [i.sessionId, i.kind])).toEqual([
      ['broken', 'failed'],
      ['gone', 'logged_out'],
      ['slow', 'stuck'],
      ['held', 'limited'],
    ]);
    expect(items[0]?.reason).toBe('Browser not found');
    expect(items[2]?.reason).toBe('Reconnecting for 13 minutes');
    expect(items[3]).toMatchObject({ reason: 'Reach-out limit', until: NOW + 60_000 });
    expect(stats.attention(admin, NOW).map((i) => i.sessionId)).toContain('other');
  });
});

describe('stats.failingWebhooks', () => {
  it('lists visible endpoints failing since their last success, with backlog and last error', async () => {
    const { db, admin, olga, otto, stats } = await statsWorld();
    addAccount(db, olga, 'mine');
    addAccount(db, otto, 'theirs');
    const failing = addWebhook(db, 'mine', ['ok', 500, 'connect ECONNREFUSED'], 4);
    addWebhook(db, 'mine', [500, 'ok']);
    addWebhook(db, 'theirs', [502]);
    const global = addWebhook(db, null, [404]);

    const own = stats.failingWebhooks(olga);
    expect(own).toEqual([
      expect.objectContaining({
        id: failing,
        accountId: 'mine',
        consecutiveFailures: 2,
        pending: 4,
        lastError: 'connect ECONNREFUSED',
      }),
    ]);
    const everyone = stats.failingWebhooks(admin).map((w) => w.id);
    expect(everyone).toHaveLength(3);
    expect(everyone).toContain(global);
  });
});
