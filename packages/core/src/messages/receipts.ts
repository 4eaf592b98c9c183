import type { Db, Message } from '@switchboard/db';
import type { AckLevel, SendFailureReason } from '@switchboard/engines/contract';
import type { MessageStatus } from '@switchboard/validators';
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

/**
 * Every status change of a sent message: how its send ended, then WhatsApp's receipts. Those that arrive in
 * the same tick are written together, in the order they came, in one transaction (a busy account gets
 * several per tick: an outcome and two receipts per message sent), each with its webhook delivery; then each
 * change is told. A receipt for a message whose send has not recorded WhatsApp's id yet is held until it has.
 */
export class Receipts {
  #batch: Change[] = [];
  /** Settles once this tick's batch was written (or kept to be retried). */
  #written: { promise: Promise<void>; resolve: () => void } | null = null;
  readonly #early = new Map<string, Pick<Receipt, 'ack' | 'error' | 'reason'> & { at: number }>();

  constructor(
    private readonly deps: {
      db: Db;
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
    this.#push({ kind: 'outcome', ownerId, row, outcome });
    return this.#written!.promise;
  }

  /** Writes this tick's changes now (the next tick, shutdown and tests). */
  flush(): void {
    if (this.#batch.length === 0) return;
    const batch = this.#batch;
    const written = this.#written;
    this.#batch = [];
    this.#written = null;
    try {
      this.#write(batch);
    } finally {
      written?.resolve();
    }
  }

  #push(change: Change): void {
    this.#batch.push(change);
    if (this.#batch.length > 1) return;
    let resolve!: () => void;
    const promise = new Promise<void>((r) => {
      resolve = r;
    });
    this.#written = { promise, resolve };
    setImmediate(() => this.flush());
  }

  #write(batch: Change[]): void {
    const { db, writes, publish } = this.deps;
    writes.run(`${batch.length} message status change(s)`, () => {
      const now = Date.now();
      const applied: string[] = [];
      const changed = transaction(db, () =>
        batch.flatMap((change) => {
          const rows =
            change.kind === 'receipt' ? [this.#apply(change, now)] : this.#settle(change, now, applied);
          return rows.flatMap((row) => (row ? [{ ownerId: change.ownerId, row }] : []));
        }),
      );
      // Forgotten once committed: a write the database refused is tried again with them.
      for (const key of applied) this.#early.delete(key);
      for (const { ownerId, row } of changed) publish(ownerId, row);
    });
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
        data: webhookData(row, this.deps.links),
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
