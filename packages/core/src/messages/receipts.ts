import type { Db, Message } from '@switchboard/db';
import type { AckLevel, SendFailureReason } from '@switchboard/engines/contract';
import type { MessageStatus } from '@switchboard/validators';
import { transaction } from '../prepared.ts';
import type { WriteRetry } from '../write-retry.ts';
import { failedReceipt } from './send-outcome.ts';
import { messageStatements } from './statements.ts';

/**
 * Outbound progress only moves forward: a late "delivered" never overwrites "read". `unknown` (handed to
 * WhatsApp, then the send failed) sits below `sent`, so any receipt settles it.
 */
const RANK: Record<MessageStatus, number> = {
  queued: 0,
  unknown: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  played: 5,
  failed: 6,
  received: 0,
};

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

/**
 * WhatsApp's receipts for sent messages. Those that arrive in the same tick are written together, in the
 * order they came, in one transaction (a busy account gets several per tick: two per message sent), each
 * with its webhook delivery; then each change is told. A receipt for a message whose send has not recorded
 * WhatsApp's id yet is held until it has (`settled`).
 */
export class Receipts {
  #batch: Receipt[] = [];
  readonly #early = new Map<string, Pick<Receipt, 'ack' | 'error' | 'reason'> & { at: number }>();

  constructor(
    private readonly deps: {
      db: Db;
      /** What WhatsApp reported happened whether or not the database took it at once: retried, never dropped. */
      writes: WriteRetry;
      /** Writes a message's new status with its webhook delivery, inside the caller's transaction. */
      change: (
        id: string,
        values: Pick<Message, 'status' | 'error' | 'errorCoded'>,
        now: number,
      ) => Message | undefined;
      /** Tells of a change once it has committed. */
      publish: (ownerId: string, row: Message) => void;
    },
  ) {}

  add(receipt: Receipt): void {
    this.#batch.push(receipt);
    if (this.#batch.length === 1) setImmediate(() => this.flush());
  }

  /** Writes the receipts of this tick now (the next tick, shutdown and tests). */
  flush(): void {
    if (this.#batch.length === 0) return;
    const batch = this.#batch;
    this.#batch = [];
    this.#write(batch);
  }

  /**
   * A send recorded WhatsApp's id for its message: receipts that came first — held, or still waiting in
   * this tick's batch — apply now, as one change to the furthest of them.
   */
  settled(ownerId: string, sessionId: string, externalId: string): void {
    const key = `${sessionId}:${externalId}`;
    const early = this.#early.get(key);
    this.#early.delete(key);
    const mine = (r: Receipt) => r.sessionId === sessionId && r.externalId === externalId;
    let furthest: Receipt | undefined = early && { ownerId, sessionId, externalId, ...early };
    for (const receipt of this.#batch.filter(mine))
      if (!furthest || RANK[receipt.ack] > RANK[furthest.ack]) furthest = receipt;
    if (!furthest) return;
    this.#batch = this.#batch.filter((r) => !mine(r));
    this.#write([furthest]);
  }

  #write(batch: Receipt[]): void {
    const { db, writes, publish } = this.deps;
    writes.run(`${batch.length} receipt(s) for ${batch[0]!.sessionId}`, () => {
      const now = Date.now();
      const changed = transaction(db, () =>
        batch.flatMap((receipt) => {
          const row = this.#apply(receipt, now);
          return row ? [{ ownerId: receipt.ownerId, row }] : [];
        }),
      );
      for (const { ownerId, row } of changed) publish(ownerId, row);
    });
  }

  /** Re-reads the message for each receipt, so two for the same message in one batch still only move it forward. */
  #apply(receipt: Receipt, now: number): Message | undefined {
    const { sessionId, externalId, ack } = receipt;
    const row = messageStatements(this.deps.db).byExternalId(sessionId, externalId);
    if (!row) {
      this.#remember(`${sessionId}:${externalId}`, receipt, now);
      return undefined;
    }
    if (row.direction !== 'out' || row.status === 'failed' || RANK[ack] <= RANK[row.status]) return undefined;
    const failure =
      ack === 'failed' ? failedReceipt(receipt.error, receipt.reason) : { error: null, errorCoded: null };
    return this.deps.change(row.id, { status: ack, ...failure }, now);
  }

  #remember(key: string, { ack, error, reason }: Receipt, now: number): void {
    for (const [k, v] of this.#early) if (now - v.at > EARLY_ACK_TTL_MS) this.#early.delete(k);
    const previous = this.#early.get(key);
    if (!previous || RANK[ack] > RANK[previous.ack]) this.#early.set(key, { ack, error, reason, at: now });
  }
}
