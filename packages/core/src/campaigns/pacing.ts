import {
  type Account,
  accountLinks,
  type Campaign,
  campaignRecipients,
  contacts,
  conversations,
  type Db,
  messages,
} from '@switchboard/db';
import {
  coded,
  isInWindow,
  nextWindowStart,
  type Pacing,
  type SendingWindow,
  warmupCap,
} from '@switchboard/validators';
import { and, asc, count, desc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import { between, type Clock, type Random } from '../clock.ts';
import type { ReachOutLimits } from './limits.ts';
import type { Blocker } from './store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How an engine words a ban in a failed session's reason (WhatsApp's TOS block, the sandbox's model). */
const BANNED = /\bbann?ed\b|\bTOS\b|terms of service/i;

/** How many campaign messages an account may still send, and why that many. */
export interface AccountUse {
  sessionId: string;
  /** Campaign messages in the last 24 hours, all campaigns together. */
  sentToday: number;
  /** The cap that applies: the campaign's, or the warm-up cap when that is lower. */
  cap: number;
  /** The warm-up cap for the account's age, when the campaign uses one and it applies. */
  warmupCap: number | null;
  newContactsToday: number;
  newContactCap: number;
  limitedUntil: number | null;
}

/**
 * The pacing rules, asked per campaign and account: what keeps the account from sending the campaign's next
 * message (sending hours, caps, the account's state), and how long to wait after a message.
 */
export class PacingGate {
  // Prepared once: asked for every message a campaign sends.
  readonly #claimsSince;
  readonly #wroteIn;
  readonly #link;

  constructor(private readonly deps: { db: Db; clock: Clock; random: Random; limits: ReachOutLimits }) {
    const { db } = deps;
    this.#claimsSince = db
      .select({
        all: count(),
        newContacts: sql<number>`coalesce(sum(${campaignRecipients.newContact}), 0)`,
      })
      .from(campaignRecipients)
      .where(
        and(
          eq(campaignRecipients.accountId, sql.placeholder('accountId')),
          gt(campaignRecipients.claimedAt, sql.placeholder('since')),
        ),
      )
      .prepare();
    this.#wroteIn = db
      .select({ id: messages.id })
      .from(contacts)
      .innerJoin(conversations, eq(conversations.contactId, contacts.id))
      .innerJoin(messages, and(eq(messages.conversationId, conversations.id), eq(messages.direction, 'in')))
      .where(
        and(
          eq(contacts.accountId, sql.placeholder('accountId')),
          eq(contacts.phone, sql.placeholder('phone')),
        ),
      )
      .limit(1)
      .prepare();
    this.#link = db
      .select()
      .from(accountLinks)
      .where(eq(accountLinks.accountId, sql.placeholder('accountId')))
      .prepare();
  }

  /** What stops `account` from sending `campaign`'s next message now, or null when nothing does. */
  blocker(campaign: Campaign, account: Account): Blocker | null {
    const now = this.deps.clock.now();
    const who = `${account.name}${account.phone ? ` (+${account.phone})` : ''}`;
    if (account.status === 'failed' && BANNED.test(account.statusReason ?? ''))
      return {
        reason: 'banned',
        detail: `WhatsApp banned ${who}: ${account.statusReason}. This number cannot send any more; cancel the campaign, or send it from another account.`,
        detailCoded: {
          ...coded('campaign.account_banned', { account: who }),
          cause: account.statusReasonCoded ?? coded('text', { text: account.statusReason ?? '' }),
        },
        until: null,
      };
    if (account.status !== 'connected')
      return {
        reason: 'disconnected',
        detail: `${who} is ${account.status.replace('_', ' ')}${account.statusReason ? ` (${account.statusReason})` : ''}. The campaign goes on by itself once it is connected again${account.status === 'logged_out' ? ': link it again with a new QR code' : ''}.`,
        detailCoded: coded('campaign.account_down', { account: who, status: account.status }),
        until: null,
      };
    const limitedUntil = this.deps.limits.until(account);
    if (limitedUntil !== null)
      return {
        reason: 'limited',
        detail: `WhatsApp limits ${who} from messaging people it has no chat with. The campaign goes on by itself when the limit ends; replies still go out meanwhile.`,
        detailCoded: coded('campaign.account_limited', { account: who }),
        until: limitedUntil,
      };
    const { pacing } = campaign;
    if (pacing.window && !isInWindow(now, pacing.window))
      return {
        reason: 'outside_hours',
        detail: `Outside the sending hours (${describeWindow(pacing.window)}). The campaign goes on by itself when they begin.`,
        detailCoded: coded('campaign.outside_hours', {
          start: pacing.window.start,
          end: pacing.window.end,
          timeZone: pacing.window.timeZone,
        }),
        until: nextWindowStart(now, pacing.window),
      };
    const use = this.usage(pacing, account);
    if (use.sentToday >= use.cap)
      return {
        reason: 'daily_cap',
        detail: `${who} sent its ${use.cap} campaign messages of the last 24 hours${use.warmupCap === use.cap ? ' (the warm-up cap of a recently linked account)' : ''}. The campaign goes on by itself as they age.`,
        detailCoded: coded('campaign.daily_cap', { account: who, cap: use.cap }),
        until: this.#freedAt(account.id, use.sentToday - use.cap, false),
      };
    if (use.newContactsToday >= use.newContactCap && !this.hasKnownPending(campaign.id, account.id))
      return {
        reason: 'new_contact_cap',
        detail: `${who} sent its ${use.newContactCap} first messages of the last 24 hours to people who never wrote to it. The campaign goes on by itself as they age.`,
        detailCoded: coded('campaign.new_contact_cap', { account: who, cap: use.newContactCap }),
        until: this.#freedAt(account.id, use.newContactsToday - use.newContactCap, true),
      };
    return null;
  }

  usage(pacing: Pacing, account: Account): AccountUse {
    const since = this.deps.clock.now() - DAY_MS;
    const claimed = this.#claimsSince.get({ accountId: account.id, since });
    const sentToday = claimed?.all ?? 0;
    const newContactsToday = Number(claimed?.newContacts ?? 0);
    const warm = pacing.warmup ? warmupCap(this.daysSinceLinked(account)) : null;
    return {
      sessionId: account.id,
      sentToday,
      cap: warm === null ? pacing.dailyCap : Math.min(warm, pacing.dailyCap),
      warmupCap: warm,
      newContactsToday,
      newContactCap: pacing.newContactsPerDay,
      limitedUntil: this.deps.limits.until(account),
    };
  }

  /** Whether the number never wrote to the account: a first message to it counts toward the new-contact cap. */
  isNewContact(accountId: string, phone: string): boolean {
    return this.#wroteIn.get({ accountId, phone }) === undefined;
  }

  /** Whether a pending recipient of the campaign has written to the account before (exempt from the cap). */
  hasKnownPending(campaignId: string, accountId: string): boolean {
    return this.knownPendingRecipient(campaignId, accountId) !== undefined;
  }

  knownPendingRecipient(campaignId: string, accountId: string): number | undefined {
    return this.deps.db
      .select({ id: campaignRecipients.id })
      .from(campaignRecipients)
      .innerJoin(
        contacts,
        and(eq(contacts.accountId, accountId), eq(contacts.phone, campaignRecipients.phone)),
      )
      .innerJoin(conversations, eq(conversations.contactId, contacts.id))
      .innerJoin(messages, and(eq(messages.conversationId, conversations.id), eq(messages.direction, 'in')))
      .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.state, 'pending')))
      .orderBy(asc(campaignRecipients.id))
      .limit(1)
      .get()?.id;
  }

  /** The wait after a message from the account: a random gap, or the batch pause after every N messages. */
  gapMs(campaign: Campaign, accountId: string): number {
    const { pacing } = campaign;
    if (pacing.batchSize > 0) {
      const sent = this.deps.db
        .select({ n: count() })
        .from(campaignRecipients)
        .where(
          and(
            eq(campaignRecipients.campaignId, campaign.id),
            eq(campaignRecipients.accountId, accountId),
            isNotNull(campaignRecipients.claimedAt),
          ),
        )
        .get()?.n;
      if (sent && sent % pacing.batchSize === 0) return pacing.batchPauseMinutes * 60_000;
    }
    return between(this.deps.random, pacing.minGapSeconds * 1000, pacing.maxGapSeconds * 1000);
  }

  /** When the account last claimed a campaign message (any campaign), for pacing after a restart. */
  lastClaimAt(accountId: string): number | null {
    return (
      this.deps.db
        .select({ at: campaignRecipients.claimedAt })
        .from(campaignRecipients)
        .where(and(eq(campaignRecipients.accountId, accountId), isNotNull(campaignRecipients.claimedAt)))
        .orderBy(desc(campaignRecipients.claimedAt))
        .limit(1)
        .get()?.at ?? null
    );
  }

  /** The account connected with `phone`: a new number starts its warm-up from now. */
  linked(accountId: string, phone: string): void {
    const known = this.#link.get({ accountId });
    if (known?.phone === phone) return;
    const linkedAt = this.deps.clock.now();
    this.deps.db
      .insert(accountLinks)
      .values({ accountId, phone, linkedAt })
      .onConflictDoUpdate({ target: accountLinks.accountId, set: { phone, linkedAt } })
      .run();
  }

  daysSinceLinked(account: Account): number {
    const link = this.#link.get({ accountId: account.id });
    // Accounts linked before this was recorded count from their creation, the earliest they can have been.
    const since = link?.linkedAt ?? account.createdAt;
    return Math.max(0, Math.floor((this.deps.clock.now() - since) / DAY_MS));
  }

  /** When the claim `over` places past the cap falls out of the 24-hour window. */
  #freedAt(accountId: string, over: number, newOnly: boolean): number | null {
    const since = this.deps.clock.now() - DAY_MS;
    const row = this.deps.db
      .select({ at: campaignRecipients.claimedAt })
      .from(campaignRecipients)
      .where(
        and(
          eq(campaignRecipients.accountId, accountId),
          gt(campaignRecipients.claimedAt, since),
          newOnly ? eq(campaignRecipients.newContact, true) : undefined,
        ),
      )
      .orderBy(asc(campaignRecipients.claimedAt))
      .limit(1)
      .offset(Math.max(0, over))
      .get();
    return row?.at ? row.at + DAY_MS : null;
  }
}

const DAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Mon–Sat 09:00–20:00 (Europe/Berlin)". */
export function describeWindow(window: SendingWindow): string {
  const days = [...new Set(window.days)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
    const first = DAY_NAMES[days[i]!]!;
    const last = DAY_NAMES[days[j]!]!;
    runs.push(j - i >= 2 ? `${first}–${last}` : j > i ? `${first}, ${last}` : first);
    i = j + 1;
  }
  return `${runs.join(', ')} ${window.start}–${window.end} (${window.timeZone})`;
}
