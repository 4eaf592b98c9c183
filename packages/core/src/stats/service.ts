import { type Account, accounts, type Db } from '@switchboard/db';
import {
  type Coded,
  coded,
  isValidTimeZone,
  type MessageStatus,
  plainText,
  type Said,
  SESSION_STATUSES,
  type SessionStatus,
  STATS_DEFAULT_DAYS,
  STATS_MAX_DAYS,
  said,
} from '@switchboard/validators';
import { and, count, eq, gt, inArray, isNotNull, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Access, Actor } from '../access.ts';
import { AppError } from '../errors.ts';
import type { FailingWebhookView } from '../webhooks/health.ts';
import { type DayStatusRow, dailyStatusCounts } from './daily-counts.ts';
import { lastDays } from './days.ts';

export interface SessionCounts {
  total: number;
  byStatus: Record<SessionStatus, number>;
  /** Under WhatsApp's reach-out limit now (they keep their status, usually connected). */
  limited: number;
}

/** One day's messages. Outgoing ones count once, on the day they were sent, at the furthest stage they reached. */
export interface DayCounts {
  /** The local date in the asked time zone, `YYYY-MM-DD`. */
  date: string;
  /** Handed to WhatsApp: sent, delivered, read or played. */
  sent: number;
  /** Delivered to the phone, read or played. */
  delivered: number;
  read: number;
  failed: number;
  /** The send failed after the hand-off: it may have arrived. */
  unknown: number;
  received: number;
}

export type Totals = Omit<DayCounts, 'date'>;

export interface MessageStats {
  timeZone: string;
  days: DayCounts[];
  totals: Totals;
  /** delivered ÷ sent over the period; null when nothing was sent. */
  deliveryRate: number | null;
  /** read ÷ sent over the period; null when nothing was sent. */
  readRate: number | null;
}

export type AttentionKind = 'failed' | 'logged_out' | 'stuck' | 'limited';

export interface AttentionItem {
  sessionId: string;
  name: string;
  status: SessionStatus;
  phone: string | null;
  kind: AttentionKind;
  /** For a person: what happened, as the session reported it when it did. */
  reason: string;
  /** `reason` as a code with its values, for the dashboard to say in the operator's language. */
  reasonCoded: Coded;
  /** When the session's status last changed. */
  since: number;
  /** For `limited`: when WhatsApp said the limit ends, if it did. */
  until: number | null;
}

/** Starting or reconnecting longer than this needs a look (a healthy start takes seconds). */
export const STUCK_AFTER_MS = 3 * 60 * 1000;
const TRANSIENT: SessionStatus[] = ['starting', 'authenticating', 'reconnecting'];
const KIND_ORDER: AttentionKind[] = ['failed', 'logged_out', 'stuck', 'limited'];

/**
 * The overview's figures, aggregated by SQLite (nothing is loaded message by message), over the accounts the
 * actor may see: each question needs the scope its underlying data does.
 */
export class StatsService {
  constructor(
    private readonly db: Db,
    private readonly access: Access,
    private readonly webhooks: { failing(actor: Actor): FailingWebhookView[] },
  ) {}

  sessions(actor: Actor, input: { sessionId?: string | null } = {}, now = Date.now()): SessionCounts {
    const scope = this.#accounts(actor, input.sessionId, 'sessions:read');
    const byStatus = Object.fromEntries(SESSION_STATUSES.map((s) => [s, 0])) as Record<SessionStatus, number>;
    const rows = this.db
      .select({ status: accounts.status, n: count() })
      .from(accounts)
      .where(scope)
      .groupBy(accounts.status)
      .all();
    for (const row of rows) byStatus[row.status] = row.n;
    const limited =
      this.db
        .select({ n: count() })
        .from(accounts)
        .where(and(scope, limitHolds(now)))
        .get()?.n ?? 0;
    return { total: rows.reduce((sum, r) => sum + r.n, 0), byStatus, limited };
  }

  messages(
    actor: Actor,
    input: { sessionId?: string | null; days?: number; timeZone?: string },
    now = Date.now(),
  ): MessageStats {
    const timeZone = input.timeZone ?? 'UTC';
    const dayCount = input.days ?? STATS_DEFAULT_DAYS;
    if (!isValidTimeZone(timeZone))
      throw new AppError(
        'BAD_REQUEST',
        `Unknown time zone "${timeZone}": use an IANA name like Europe/Berlin`,
      );
    if (!Number.isInteger(dayCount) || dayCount < 1 || dayCount > STATS_MAX_DAYS)
      throw new AppError('BAD_REQUEST', `Days must be a whole number from 1 to ${STATS_MAX_DAYS}`);
    const ids = input.sessionId
      ? [this.access.account(actor, input.sessionId, 'messages:read').id]
      : this.access.accounts(actor, 'messages:read').map((a) => a.id);
    const ranges = lastDays(dayCount, timeZone, now);
    const days = ranges.map((range) => ({ date: range.date, ...EMPTY_TOTALS }));
    const rows = ids.length > 0 ? this.db.all<DayStatusRow>(dailyStatusCounts(ids, ranges)) : [];
    for (const { day, status, n } of rows) {
      const counts = days[day];
      if (counts) for (const key of STAGES[status]) counts[key] += n;
    }
    const totals = { ...EMPTY_TOTALS };
    for (const day of days) for (const key of TOTAL_KEYS) totals[key] += day[key];
    const rate = (n: number) => (totals.sent > 0 ? n / totals.sent : null);
    return { timeZone, days, totals, deliveryRate: rate(totals.delivered), readRate: rate(totals.read) };
  }

  /** Accounts that need someone: failed, logged out, stuck starting or reconnecting, or limited by WhatsApp. */
  attention(actor: Actor, now = Date.now()): AttentionItem[] {
    const scope = this.#accounts(actor, null, 'sessions:read');
    const rows = this.db
      .select()
      .from(accounts)
      .where(
        and(
          scope,
          or(
            inArray(accounts.status, ['failed', 'logged_out']),
            and(inArray(accounts.status, TRANSIENT), lt(accounts.statusChangedAt, now - STUCK_AFTER_MS)),
            limitHolds(now),
          ),
        ),
      )
      .all();
    return rows
      .map((row) => attentionOf(row, now))
      .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.since - b.since);
  }

  /** The endpoints of visible accounts (global ones for admins) that fail or were turned off. */
  failingWebhooks(actor: Actor): FailingWebhookView[] {
    return this.webhooks.failing(actor);
  }

  /** A condition for the accounts table: one account (NOT_FOUND if not visible), or every visible one. */
  #accounts(actor: Actor, sessionId: string | null | undefined, scope: 'sessions:read'): SQL | undefined {
    if (sessionId) return eq(accounts.id, this.access.account(actor, sessionId, scope).id);
    return this.access.accountFilter(actor, accounts.id, scope);
  }
}

const TOTAL_KEYS = ['sent', 'delivered', 'read', 'failed', 'unknown', 'received'] as const;
const EMPTY_TOTALS: Totals = { sent: 0, delivered: 0, read: 0, failed: 0, unknown: 0, received: 0 };

/** Which figures a message in each status counts toward: the stages it went through. */
const STAGES: Record<MessageStatus, ReadonlyArray<keyof Totals>> = {
  queued: [],
  sent: ['sent'],
  delivered: ['sent', 'delivered'],
  read: ['sent', 'delivered', 'read'],
  played: ['sent', 'delivered', 'read'],
  failed: ['failed'],
  unknown: ['unknown'],
  received: ['received'],
};

/** WhatsApp's reach-out limit holds: set, and its announced end (if any) still ahead. */
const limitHolds = (now: number) =>
  and(isNotNull(accounts.limitedReason), or(isNull(accounts.limitedUntil), gt(accounts.limitedUntil, now)));

function attentionOf(row: Account, now: number): AttentionItem {
  const base = { sessionId: row.id, name: row.name, status: row.status, phone: row.phone, until: null };
  const since = row.statusChangedAt;
  if (row.status === 'failed')
    return {
      ...base,
      kind: 'failed',
      since,
      ...statusReason(row, said('The session failed', 'attention.failed')),
    };
  if (row.status === 'logged_out')
    return {
      ...base,
      kind: 'logged_out',
      since,
      ...statusReason(
        row,
        said('WhatsApp logged this session out: link it again with a new QR code', 'attention.logged_out'),
      ),
    };
  if (TRANSIENT.includes(row.status) && since < now - STUCK_AFTER_MS) {
    const minutes = Math.round((now - since) / 60_000);
    return {
      ...base,
      kind: 'stuck',
      since,
      reason: `${row.status === 'reconnecting' ? 'Reconnecting' : 'Starting'} for ${minutes} minutes`,
      reasonCoded: coded('attention.stuck', { status: row.status, minutes }),
    };
  }
  const limited = row.limitedReason
    ? plainText(row.limitedReason)
    : said('WhatsApp limits new chats from this account', 'attention.limited');
  return {
    ...base,
    kind: 'limited',
    since,
    until: row.limitedUntil,
    reason: limited.text,
    reasonCoded: limited.coded,
  };
}

/** The session's own reason with its code, or what its status says when it gave none. */
function statusReason(row: Account, otherwise: Said): Pick<AttentionItem, 'reason' | 'reasonCoded'> {
  if (row.statusReason === null) return { reason: otherwise.text, reasonCoded: otherwise.coded };
  return {
    reason: row.statusReason,
    reasonCoded: row.statusReasonCoded ?? plainText(row.statusReason).coded,
  };
}
