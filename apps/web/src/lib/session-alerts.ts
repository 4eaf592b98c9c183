import type { SessionStatus } from './types.ts';

/** A failed session passes through these while it retries: still the same failure as far as the operator is told. */
const STILL_TRYING: ReadonlySet<SessionStatus> = new Set([
  'failed',
  'starting',
  'reconnecting',
  'authenticating',
]);

/**
 * Which session changes are told wherever the operator is: a phone unlinking the device, and a session
 * failing — once per failure, not again for each retry that fails the same way. The first status heard of a
 * session (the stream's snapshot) only sets where it stands.
 */
export class SessionAlerts {
  readonly #statuses = new Map<string, SessionStatus>();
  readonly #told = new Set<string>();

  /** The alert a status change calls for, if any. */
  heard(sessionId: string, status: SessionStatus): 'logged_out' | 'failed' | null {
    const before = this.#statuses.get(sessionId);
    this.#statuses.set(sessionId, status);
    if (!STILL_TRYING.has(status)) this.#told.delete(sessionId);
    if (before === undefined || before === status) return null;
    if (status === 'logged_out') return 'logged_out';
    if (status !== 'failed' || this.#told.has(sessionId)) return null;
    this.#told.add(sessionId);
    return 'failed';
  }
}
