import {
  type Account,
  type Campaign,
  type CampaignRecipient,
  campaignRecipients,
  type Db,
  messages,
  poolContacts,
} from '@switchboard/db';
import { type Said, said } from '@switchboard/validators';
import { and, asc, eq, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { PacingGate } from './pacing.ts';
import type { CampaignStore } from './store.ts';

const WAS_SENDING = said(
  'The server stopped while this message was being sent: it may have arrived, so it is not sent again by itself',
  'message.interrupted',
);

const NO_ERROR = { error: null, errorCoded: null };

/** Why a recipient was not (certainly) reached, in words and as a code. */
const errorOf = (error: Said | null) => ({ error: error?.text ?? null, errorCoded: error?.coded ?? null });

/** What a claimed recipient goes back to when its message never reached WhatsApp: as if never claimed. */
const UNCLAIMED = {
  state: 'pending',
  accountId: null,
  claimedAt: null,
  messageId: null,
  variant: null,
  newContact: null,
} as const;

/**
 * Recipients' states as the runner moves them: picked, claimed, moved on, put back in line, and repaired
 * after a crash. Every move is guarded by the state it expects, so a late writer never moves one backwards.
 */
export class RecipientLedger {
  readonly #next;

  constructor(private readonly deps: { db: Db; clock: Clock; store: CampaignStore; gate: PacingGate }) {
    this.#next = deps.db
      .select()
      .from(campaignRecipients)
      .where(
        and(
          eq(campaignRecipients.campaignId, sql.placeholder('campaignId')),
          eq(campaignRecipients.state, 'pending'),
        ),
      )
      .orderBy(asc(campaignRecipients.id))
      .limit(1)
      .prepare();
  }

  /**
   * The campaign's next pending recipient this account may take: in a pool, not one stuck to another of its
   * accounts that can send (`usable`); past the new-contact cap, only someone who wrote to the account.
   */
  pick(campaign: Campaign, account: Account, usable: string[]): CampaignRecipient | undefined {
    const { db, gate } = this.deps;
    const use = gate.usage(campaign.pacing, account);
    if (use.newContactsToday >= use.newContactCap) {
      const known = gate.knownPendingRecipient(campaign.id, account.id);
      return known === undefined
        ? undefined
        : db.select().from(campaignRecipients).where(eq(campaignRecipients.id, known)).get();
    }
    if (!campaign.poolId) return this.#next.get({ campaignId: campaign.id });
    const pending = and(
      eq(campaignRecipients.campaignId, campaign.id),
      eq(campaignRecipients.state, 'pending'),
    );
    return db
      .select({ recipient: campaignRecipients })
      .from(campaignRecipients)
      .leftJoin(
        poolContacts,
        and(eq(poolContacts.poolId, campaign.poolId), eq(poolContacts.phone, campaignRecipients.phone)),
      )
      .where(
        and(
          pending,
          or(
            isNull(poolContacts.accountId),
            eq(poolContacts.accountId, account.id),
            notInArray(poolContacts.accountId, usable),
          ),
        ),
      )
      .orderBy(asc(campaignRecipients.id))
      .limit(1)
      .get()?.recipient;
  }

  /** Claims a pending recipient for the account (in its own transaction); false if it is no longer pending. */
  claim(
    recipient: CampaignRecipient,
    claim: { accountId: string; variant: number; newContact: boolean },
    alsoInTransaction: () => void,
  ): boolean {
    const { db, clock } = this.deps;
    const now = clock.now();
    return db.transaction(() => {
      const claimed = db
        .update(campaignRecipients)
        .set({ ...claim, state: 'sending', claimedAt: now, ...NO_ERROR, updatedAt: now })
        .where(and(eq(campaignRecipients.id, recipient.id), eq(campaignRecipients.state, 'pending')))
        .run();
      if (claimed.changes === 0) return false;
      alsoInTransaction();
      return true;
    });
  }

  linkMessage(id: number, messageId: string): void {
    this.deps.db.update(campaignRecipients).set({ messageId }).where(eq(campaignRecipients.id, id)).run();
  }

  /** Moves a claimed recipient on, unless a receipt already moved it further. */
  advance(id: number, state: 'sent' | 'unknown' | 'failed' | 'skipped', error: Said | null): void {
    this.#move(id, 'sending', { state, ...errorOf(error) });
  }

  /** A pending recipient that will never be sent (opted out, not on WhatsApp). */
  finish(recipient: CampaignRecipient, state: 'opted_out' | 'skipped', error: Said): void {
    this.#move(recipient.id, 'pending', { state, ...errorOf(error) });
    this.deps.store.progress(recipient.campaignId);
  }

  /** A claimed recipient whose message never reached WhatsApp goes back to waiting, as if never claimed. */
  release(id: number, error: Said | null): void {
    this.#move(id, 'sending', { ...UNCLAIMED, ...errorOf(error) });
  }

  /** The campaign's `unknown` recipients back in line (the operator's call: they may get the message twice). */
  requeueUnknown(campaignId: string): number {
    return this.deps.db
      .update(campaignRecipients)
      .set({ ...UNCLAIMED, ...NO_ERROR, updatedAt: this.deps.clock.now() })
      .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.state, 'unknown')))
      .run().changes;
  }

  /**
   * After a crash or kill: a recipient left `sending` whose message was never stored goes back to waiting;
   * one whose message WhatsApp took follows it; any other may have arrived and becomes `unknown`.
   */
  recover(): { unknown: number; released: number } {
    const { db } = this.deps;
    const stuck = db
      .select({ recipient: campaignRecipients, status: messages.status })
      .from(campaignRecipients)
      .leftJoin(messages, eq(messages.id, campaignRecipients.messageId))
      .where(eq(campaignRecipients.state, 'sending'))
      .all();
    let unknown = 0;
    let released = 0;
    for (const { recipient, status } of stuck) {
      if (!recipient.messageId) {
        this.release(recipient.id, null);
        released++;
        continue;
      }
      const state =
        status === 'sent' || status === 'delivered'
          ? status
          : status === 'read' || status === 'played'
            ? 'read'
            : 'unknown';
      if (state === 'unknown') unknown++;
      this.#move(recipient.id, 'sending', { state, ...errorOf(state === 'unknown' ? WAS_SENDING : null) });
    }
    return { unknown, released };
  }

  #move(
    id: number,
    from: CampaignRecipient['state'],
    values: Partial<
      Pick<
        CampaignRecipient,
        'state' | 'error' | 'errorCoded' | 'accountId' | 'claimedAt' | 'messageId' | 'variant' | 'newContact'
      >
    >,
  ): void {
    this.deps.db
      .update(campaignRecipients)
      .set({ ...values, updatedAt: this.deps.clock.now() })
      .where(and(eq(campaignRecipients.id, id), eq(campaignRecipients.state, from)))
      .run();
  }
}
