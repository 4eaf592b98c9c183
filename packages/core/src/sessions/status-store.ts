import { type Account, accounts, type Db } from '@switchboard/db';
import type { ShownQr } from '@switchboard/engines/contract';
import { plainText, type Said, type SessionStatus } from '@switchboard/validators';
import { eq } from 'drizzle-orm';
import { accountById } from '../account-rows.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../logger.ts';
import type { WebhookOutbox } from '../outbox/outbox.ts';
import type { SessionLimit } from '../views.ts';
import type { SessionHistory } from './history.ts';
import { limitOf } from './limit.ts';
import type { Runtimes } from './runtimes.ts';
import { canTransition } from './status-machine.ts';

/**
 * A session's stored status and what is told about it: the row is written first (with its webhook
 * deliveries, in one transaction), then the bus hears of it, so readers never see an event before the row.
 */
export class StatusStore {
  readonly #row: (id: string) => Account | undefined;

  constructor(
    private readonly deps: {
      db: Db;
      bus: EventBus;
      /** Where status changes become webhook deliveries, in the same transaction as the status row. */
      outbox: WebhookOutbox;
      runtimes: Runtimes;
      /** Where what happens is kept for the session's timeline and the event monitor. */
      history: SessionHistory;
      log: Logger;
    },
  ) {
    this.#row = accountById(deps.db);
  }

  row(id: string): Account | undefined {
    return this.#row(id);
  }

  /**
   * Writes the status (if the machine allows it), then publishes it. Returns whether the session now has
   * that status.
   */
  set(
    id: string,
    status: SessionStatus,
    reason: Said | null,
    extra: Partial<
      Pick<Account, 'phone' | 'pushName' | 'lastConnectedAt' | 'limitedReason' | 'limitedUntil'>
    > = {},
  ): boolean {
    const { db, log } = this.deps;
    const row = this.row(id);
    if (!row) return false;
    const text = reason?.text ?? null;
    if (row.status === status && row.statusReason === text && Object.keys(extra).length === 0) return true;
    if (row.status !== status && !canTransition(row.status, status)) {
      log.error('refused status transition', { id, from: row.status, to: status });
      return false;
    }
    const now = Date.now();
    const updated = db.transaction(() => {
      const written = db
        .update(accounts)
        .set({
          status,
          statusReason: text,
          statusReasonCoded: reason?.coded ?? null,
          updatedAt: now,
          ...(row.status !== status ? { statusChangedAt: now } : {}),
          ...extra,
        })
        .where(eq(accounts.id, id))
        .returning()
        .get()!;
      if (row.status !== status) this.#statusDelivery(written, row, now);
      return written;
    });
    if (row.status !== status) this.deps.history.record(updated, 'status', { status, detail: reason });
    if (row.status !== status || row.statusReason !== text || extra.phone !== undefined)
      this.publish(updated);
    if (row.status !== status) log.info('session status', { id, from: row.status, to: status, reason: text });
    return true;
  }

  /**
   * WhatsApp's reach-out limit started, changed or ended. Stored and told like a status change (a
   * `session.status` delivery, a status event) with the status as it is: the status machine is not involved.
   */
  setLimit(id: string, limit: SessionLimit | null): void {
    const { db, log } = this.deps;
    const row = this.row(id);
    if (!row) return;
    const next = { limitedReason: limit?.reason ?? null, limitedUntil: limit?.until ?? null };
    if (row.limitedReason === next.limitedReason && row.limitedUntil === next.limitedUntil) return;
    const now = Date.now();
    const updated = db.transaction(() => {
      const written = db
        .update(accounts)
        .set({ ...next, updatedAt: now })
        .where(eq(accounts.id, id))
        .returning()
        .get()!;
      this.#statusDelivery(written, row, now);
      return written;
    });
    this.deps.history.record(updated, limit ? 'limited' : 'limit_lifted', {
      detail: limit ? plainText(limit.reason) : null,
    });
    this.publish(updated);
    if (limit) log.warn('WhatsApp limits the account from starting chats', { id, until: limit.until });
    else log.info('reach-out limit lifted', { id });
  }

  /** The `session.status` webhook delivery for a row just written (inside its transaction). */
  #statusDelivery(written: Account, previous: Account, at: number): void {
    const limited = limitOf(written, at);
    this.deps.outbox.enqueue({
      type: 'session.status',
      accountId: written.id,
      // A logout clears the number; the event still says which one it was.
      accountPhone: written.phone ?? previous.phone,
      data: {
        status: written.status,
        previousStatus: previous.status,
        reason: written.statusReason,
        pushName: written.pushName,
        limited: limited && {
          reason: limited.reason,
          until: limited.until === null ? null : new Date(limited.until).toISOString(),
        },
      },
      at,
    });
  }

  /** For boot-time repair only: the stored status is stale and no transition led there. */
  force(id: string, status: SessionStatus, reason: Said | null): void {
    this.deps.db
      .update(accounts)
      .set({
        status,
        statusReason: reason?.text ?? null,
        statusReasonCoded: reason?.coded ?? null,
        statusChangedAt: Date.now(),
        updatedAt: Date.now(),
      })
      .where(eq(accounts.id, id))
      .run();
  }

  /** Whether the operator wants the session running (restored on boot, retried after failures). */
  setAutoStart(id: string, autoStart: boolean): void {
    this.deps.db.update(accounts).set({ autoStart, updatedAt: Date.now() }).where(eq(accounts.id, id)).run();
  }

  publish(row: Account): void {
    this.deps.bus.publishSession({
      type: 'status',
      sessionId: row.id,
      ownerId: row.ownerId,
      status: row.status,
      reason: row.statusReason,
      reasonCoded: row.statusReasonCoded,
      phone: row.phone,
      pushName: row.pushName,
      lastConnectedAt: row.lastConnectedAt,
      nextRetryAt: this.deps.runtimes.get(row.id)?.nextRetryAt ?? null,
      limited: limitOf(row),
    });
  }

  /** A QR code went up (its `qr` status is already stored): a webhook delivery, then the bus. */
  qrShown(row: Account, qr: ShownQr): void {
    this.deps.outbox.enqueue({
      type: 'session.qr',
      accountId: row.id,
      data: { qr: qr.qr, expiresAt: new Date(qr.expiresAt).toISOString(), last: qr.last === true },
    });
    this.deps.history.record(row, 'qr');
    this.deps.bus.publishSession({ type: 'qr', sessionId: row.id, ownerId: row.ownerId, ...qr });
  }

  pairingCodeShown(row: Account, code: string): void {
    this.deps.history.record(row, 'pairing_code');
    this.deps.bus.publishSession({ type: 'pairing_code', sessionId: row.id, ownerId: row.ownerId, code });
  }

  /** The session and its rows are gone for good (messages and webhooks cascade); subscribers drop it. */
  remove(row: Account): void {
    this.deps.db.delete(accounts).where(eq(accounts.id, row.id)).run();
    this.deps.bus.publishSession({ type: 'deleted', sessionId: row.id, ownerId: row.ownerId });
  }
}
