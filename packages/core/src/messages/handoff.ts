import type { Db, Message } from '@switchboard/db';
import type { ReachOutLimits } from '../campaigns/limits.ts';
import type { Logger } from '../logger.ts';
import type { MediaService } from '../media/service.ts';
import type { SessionManager } from '../sessions/manager.ts';
import { TimeoutError, withTimeout } from '../timeout.ts';
import { outboundContent } from './outbound-content.ts';
import type { Receipts } from './receipts.ts';
import { accepted, failureReason, lostTrack, refused, type SendOutcome } from './send-outcome.ts';
import { messageStatements } from './statements.ts';

/**
 * How a send ended, for callers that act on it (campaigns): it reached WhatsApp, certainly did not, or may
 * have (the engine failed after handing it over, or did not answer in time) and must not be sent again.
 */
export interface SendResult {
  outcome: 'sent' | 'failed' | 'unknown';
  /** Why it did not (certainly) go out, when known. */
  reason: ReturnType<typeof failureReason> | null;
  error: string | null;
  errorCoded: SendOutcome['errorCoded'];
}

/**
 * A stored message handed to its engine, once: whatever happens, nothing here sends it again. Its outcome is
 * written with the tick's receipts (see `Receipts.outcome`); `written` settles once that write was made (or
 * kept to be retried), so the session's next send need not wait for it while the caller of this one can.
 */
export class Handoff {
  constructor(
    private readonly deps: {
      db: Db;
      sessions: SessionManager;
      media: MediaService;
      receipts: Receipts;
      limits: ReachOutLimits;
      sendTimeoutMs: number;
      log: Logger;
    },
  ) {}

  async deliver(ownerId: string, row: Message): Promise<{ result: SendResult; written: Promise<void> }> {
    const { sendTimeoutMs } = this.deps;
    const seconds = Math.round(sendTimeoutMs / 1000);
    let sending: Promise<{ externalId: string }> | undefined;
    let late: Promise<{ externalId: string }> | undefined;
    let outcome: SendOutcome;
    let reason: SendResult['reason'] = null;
    try {
      const engine = this.deps.sessions.connectedEngine(row.accountId);
      // The file is read before the hand-off: a file gone missing fails the send, nothing reached WhatsApp.
      const content = await outboundContent(row, (mediaId) => this.deps.media.readBase64(mediaId));
      sending = Promise.resolve().then(() => engine.send(row.peer, content));
      const { externalId } = await withTimeout(
        () => sending!,
        sendTimeoutMs,
        `WhatsApp did not confirm the message within ${seconds} s; it is not sent again — a receipt will settle it`,
      );
      outcome = accepted(externalId);
    } catch (error) {
      outcome = refused(error);
      reason = failureReason(error);
      if (reason === 'reach_out_limited') this.deps.limits.mark(row.accountId);
      if (error instanceof TimeoutError) late = sending;
    }
    const written = this.#settle(ownerId, row, outcome);
    // Core stopped waiting, the engine did not: what it answers later (heard once the `unknown` is written)
    // still tells what became of it.
    if (late)
      void written
        .then(() => late)
        .then(
          ({ externalId }) => this.#lateAnswer(ownerId, row, accepted(externalId)),
          (failure: unknown) => this.#lateAnswer(ownerId, row, refused(failure)),
        )
        .catch((failure: unknown) =>
          this.deps.log.error('could not record a late send answer', { message: row.id, error: failure }),
        );
    return {
      result: { outcome: outcome.status, reason, error: outcome.error, errorCoded: outcome.errorCoded },
      written,
    };
  }

  /** Records how a send ended, with the tick's receipts. */
  #settle(ownerId: string, row: Message, outcome: SendOutcome): Promise<void> {
    if (outcome.status !== 'sent') {
      // A message WhatsApp may hold under no id this server knows is an error: no receipt can settle it.
      this.deps.log[lostTrack(outcome) ? 'error' : 'warn'](
        outcome.status === 'failed' ? 'send failed' : 'send outcome unknown',
        { session: row.accountId, message: row.id, error: outcome.error },
      );
    }
    return this.deps.receipts.outcome(ownerId, row, outcome);
  }

  /** An engine's answer after the send timed out refines an `unknown` that nothing has settled since. */
  async #lateAnswer(ownerId: string, row: Message, outcome: SendOutcome): Promise<void> {
    const current = messageStatements(this.deps.db).byId(row.id);
    if (current?.status !== 'unknown' || current.externalId) return;
    if (outcome.status === 'unknown' && !outcome.externalId) return;
    await this.#settle(ownerId, row, outcome);
  }
}
