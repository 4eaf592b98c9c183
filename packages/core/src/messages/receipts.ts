import type { Db, Message } from '@switchboard/db';
import type { AckLevel, SendFailureReason } from '@switchboard/engines/contract';
import type { MessageStatus } from '@switchboard/validators';
import type { GroupCommit } from '../group-commit.ts';
import type { MediaLinks } from '../media/links.ts';
import type { WebhookOutbox } from '../outbox/outbox.ts';
import { transaction } from '../prepared.ts';
import type { WriteRetry } from '../write-retry.ts';
import { failedReceipt, type SendOutcome } from './send-outcome.ts';
import { messageStatements, RANK } from './statements.ts';
import { webhookData } from './webhook-data.ts';

/** Receipts that beat the send's own bookkeeping are held briefly instead of being lost. */
const EARLY_ACK_TTL_MS = 60_000;

/** A receipt as an engine reported it: how far one of the account's messages got. */
export interface Receipt {
  ownerId: string;
  sessionId: string;
  externalId: string;
  ack: AckLevel;
  error?: string | undefined;
  reason?: SendFailureReason | undefined;
}

/** How a send ended (`sent` with WhatsApp's id, `failed` or `unknown`), for the message stored as `row`. */
interface Outcome {
  ownerId: string;
  row: Message;
  outcome: SendOutcome;
}

type Change = ({ kind: 'receipt' } & Receipt) | ({ kind: 'outcome' } & Outcome);

/** What a batch of changes wrote: the rows it moved, and the held receipts it applied. */
interface Written {
  changed: Array<{ ownerId: string; row: Message }>;
  applied: string[];
}

/**
 * Every status change of a sent message: how its send ended, then WhatsApp's receipts. Those that arrive in
 * the same tick are written together, in the order they came, in the tick's one commit after the sends
 * stored in it (a busy account gets several per tick: an outcome and two receipts per message sent), each
 * with its webhook delivery; then each change is told. When they cannot be written there, the tick's sends
 * still commit, and these are tried again on their own. A receipt for a message whose send has not recorded
 * WhatsApp's id yet is held until it has.
 */
export class Receipts {
  /** This tick's changes, and what settles once they were written (or kept to be retried). */
  #tick: { batch: Change[]; written: Promise<void> } | null = null;
  readonly #early = new Map<string, Pick<Receipt, 'ack' | 'error' | 'reason'> & { at: number }>();

  constructor(
    private readonly deps: {
      db: Db;
      /** The tick's commit: the sends stored in this tick, then these changes (see `GroupCommit.join`). */
      commits: GroupCommit;
      /** What WhatsApp reported happened whether or not the database took it at once: retried, never dropped. */
      writes: WriteRetry;
      /** Each change's webhook delivery is written in its transaction. */
      outbox: WebhookOutbox;
      links: MediaLinks;
      /** Tells of a change once it has committed. */
      publish: (ownerId: string, row: Message) => void;
    },
  ) {}

  add(receipt: Receipt): void {
    this.#push({ kind: 'receipt', ...receipt });
  }

  /** A send's outcome, written with this tick's receipts; settles once written (or kept to be retried). */
  outcome(ownerId: string, row: Message, outcome: SendOutcome): Promise<void> {
    return this.#push({ kind: 'outcome', ownerId, row, outcome });
  }

  /** Writes this tick's changes now (shutdown and tests). */
  flush(): void {
    this.deps.commits.flush();
  }

  #push(change: Change): Promise<void> {
    if (this.#tick) {
      this.#tick.batch.push(change);
      return this.#tick.written;
    }
    const batch = [change];
    let resolve!: () => void;
    const written = new Promise<void>((r) => {
      resolve = r;
    });
    const tick = { batch, written };
    this.#tick = tick;
    // Changes that come once this tick's are being written go to the next tick's.
    const close = () => {
      if (this.#tick === tick) this.#tick = null;
    };
    // Written on its own, after what waits to be retried (never overtaking it), and kept to be retried while
    // the database refuses it.
    const alone = () => {
      try {
        this.deps.writes.run(`${batch.length} message status change(s)`, () =>
          this.#told(transaction(this.deps.db, () => this.#write(batch))),
        );
      } finally {
        resolve();
      }
    };
    let result: Written | undefined;
    this.deps.commits.join({
      write: () => {
        close();
        if (!this.deps.writes.backlog) result = this.#write(batch);
      },
      committed: () => {
        if (!result) return alone();
        this.#told(result);
        resolve();
      },
      // The tick's sends are stored all the same.
      failed: () => {
        close();
        alone();
      },
    });
    return written;
  }

  /** Writes the changes, in the order they came, inside the caller's transaction. */
  #write(batch: Change[]): Written {
    const now = Date.now();
    const applied: string[] = [];
    const changed = batch.flatMap((change) => {
      const rows =
        change.kind === 'receipt' ? [this.#apply(change, now)] : this.#settle(change, now, applied);
      return rows.flatMap((row) => (row ? [{ ownerId: change.ownerId, row }] : []));
    });
    return { changed, applied };
  }

  /** Once committed: receipts held for an outcome now written are forgotten, and each change is told. */
  #told({ changed, applied }: Written): void {
    for (const key of applied) this.#early.delete(key);
    for (const { ownerId, row } of changed) this.deps.publish(ownerId, row);
  }

  /**
   * Writes a send's outcome; with WhatsApp's id, the receipts that came first (held since an earlier tick,
   * or earlier in this one) apply right after it, as one change to the furthest of them.
   */
  #settle({ ownerId, row, outcome }: Outcome, now: number, applied: string[]): Array<Message | undefined> {
    const updated = messageStatements(this.deps.db).setOutcome(row.id, outcome, now);
    if (updated) this.#deliver(updated, now);
    if (!outcome.externalId) return [updated];
    const key = `${row.accountId}:${outcome.externalId}`;
    const early = this.#early.get(key);
    if (!early) return [updated];
    applied.push(key);
    const receipt = { ownerId, sessionId: row.accountId, externalId: outcome.externalId, ...early };
    return [updated, this.#apply(receipt, now)];
  }

  /**
   * Moves the message forward in one statement (so two receipts for it in one batch still only move it
   * forward); only a receipt that moved nothing looks for the message, to hold it if it is not known yet.
   */
  #apply(receipt: Receipt, now: number): Message | undefined {
    const { sessionId, externalId, ack } = receipt;
    const statements = messageStatements(this.deps.db);
    const failure =
      ack === 'failed' ? failedReceipt(receipt.error, receipt.reason) : { error: null, errorCoded: null };
    const moved = statements.advance(sessionId, externalId, { status: ack, ...failure }, now);
    if (moved) this.#deliver(moved, now);
    else if (!statements.byExternalId(sessionId, externalId))
      this.#remember(`${sessionId}:${externalId}`, receipt, now);
    return moved;
  }

  #remember(key: string, { ack, error, reason }: Receipt, now: number): void {
    for (const [k, v] of this.#early) if (now - v.at > EARLY_ACK_TTL_MS) this.#early.delete(k);
    const previous = this.#early.get(key);
    if (!previous || RANK[ack] > RANK[previous.ack]) this.#early.set(key, { ack, error, reason, at: now });
  }

  /** The webhook delivery of a status change, in its transaction. */
  #deliver(row: Message, now: number): void {
    const type = webhookEventFor(row.status);
    if (type)
      this.deps.outbox.enqueue({
        type,
        accountId: row.accountId,
        data: () => webhookData(row, this.deps.links),
        at: now,
      });
  }
}

/** Which webhook event an outbound status change is: accepted by WhatsApp, or a later receipt/failure. */
function webhookEventFor(status: MessageStatus): 'message.sent' | 'message.status' | null {
  if (status === 'sent') return 'message.sent';
  if (status === 'queued' || status === 'received') return null;
  return 'message.status';
}
