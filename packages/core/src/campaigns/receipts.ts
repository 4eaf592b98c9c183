import { campaignRecipients, campaigns, type Db } from '@switchboard/db';
import type { RecipientState } from '@switchboard/validators';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { MessageView } from '../message-view.ts';
import { perDatabase } from '../prepared.ts';
import type { OptOutService } from './opt-out.ts';
import type { CampaignStore } from './store.ts';

/**
 * The recipient states a message status moves on from: receipts only move a recipient forward. A send that
 * fails outright is the runner's to record (it may put the recipient back in line); here only a message
 * WhatsApp took and later reported failed.
 */
const BEFORE: Partial<Record<RecipientState, RecipientState[]>> = {
  sent: ['sending', 'unknown'],
  delivered: ['sending', 'unknown', 'sent'],
  read: ['sending', 'unknown', 'sent', 'delivered'],
  failed: ['unknown', 'sent', 'delivered'],
};

/**
 * Campaign recipients follow their messages: receipts move them on (`sent → delivered → read`, or `failed`),
 * a reply counts them as replied, and a reply that is a stop word opts them out.
 */
export class CampaignReceipts {
  /** One prepared update per state a receipt moves recipients to. */
  readonly #moves = new Map<RecipientState, ReturnType<typeof prepareMove>>();
  /**
   * Whether a campaign exists: until one does, no message can be a recipient's, and a status change looks
   * for none. Read once, then set by `campaignCreated`; never unset (a deleted campaign only costs a look).
   */
  #anyCampaign: boolean | undefined;

  constructor(private readonly deps: { db: Db; clock: Clock; store: CampaignStore; optOut: OptOutService }) {}

  onMessage(message: MessageView): void {
    if (message.direction === 'out') this.#followStatus(message);
    else if (!message.groupId) {
      this.#countReply(message);
      this.deps.optOut.onInbound(message);
    }
  }

  /** A campaign was created: from now on status changes may move its recipients. */
  campaignCreated(): void {
    this.#anyCampaign = true;
  }

  #followStatus(message: MessageView): void {
    this.#anyCampaign ??= anyCampaign(this.deps.db).get() !== undefined;
    if (!this.#anyCampaign) return;
    const state: RecipientState | null =
      message.status === 'played'
        ? 'read'
        : message.status in BEFORE
          ? (message.status as RecipientState)
          : null;
    const before = state && BEFORE[state];
    if (!state || !before) return;
    let move = this.#moves.get(state);
    if (!move) {
      move = prepareMove(this.deps.db, state, before);
      this.#moves.set(state, move);
    }
    const moved = move.get({
      messageId: message.id,
      at: this.deps.clock.now(),
      error: message.error,
      // Bound as JSON text: the column holds the code as JSON.
      errorCoded: message.errorCoded && JSON.stringify(message.errorCoded),
    });
    if (moved) this.deps.store.progress(moved.campaignId);
  }

  /** Someone a campaign reached wrote back to the account that reached them. */
  #countReply(message: MessageView): void {
    const replied = countReply(this.deps.db).all({
      phone: message.peer,
      accountId: message.accountId,
      at: this.deps.clock.now(),
    });
    for (const { campaignId } of replied) this.deps.store.progress(campaignId);
  }
}

const anyCampaign = perDatabase((db) => db.select({ id: campaigns.id }).from(campaigns).limit(1).prepare());

/** Every incoming message asks whether a campaign reached its sender: prepared once, not built per message. */
const countReply = perDatabase((db) =>
  db
    .update(campaignRecipients)
    .set({ repliedAt: sql`${sql.placeholder('at')}` })
    .where(
      and(
        eq(campaignRecipients.phone, sql.placeholder('phone')),
        eq(campaignRecipients.accountId, sql.placeholder('accountId')),
        isNull(campaignRecipients.repliedAt),
        inArray(campaignRecipients.state, ['sent', 'delivered', 'read', 'unknown']),
      ),
    )
    .returning({ campaignId: campaignRecipients.campaignId })
    .prepare(),
);

/** The update a receipt makes: recipients of the message in an earlier state move to `state`. */
function prepareMove(db: Db, state: RecipientState, before: RecipientState[]) {
  return db
    .update(campaignRecipients)
    .set({
      state,
      updatedAt: sql`${sql.placeholder('at')}`,
      ...(state === 'failed'
        ? { error: sql`${sql.placeholder('error')}`, errorCoded: sql`${sql.placeholder('errorCoded')}` }
        : {}),
    })
    .where(
      and(
        eq(campaignRecipients.messageId, sql.placeholder('messageId')),
        inArray(campaignRecipients.state, before),
      ),
    )
    .returning({ campaignId: campaignRecipients.campaignId })
    .prepare();
}
