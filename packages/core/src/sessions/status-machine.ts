import type { SessionStatus } from '@switchboard/validators';

/**
 * Which status may follow which. The stored status is what operators, webhooks and /health trust, so a
 * transition not listed here is a bug in the manager and is refused rather than written.
 *
 *   stopped → starting → qr → authenticating → connected
 *   connected → reconnecting → connected
 *   any live status → logged_out (phone unlinked / logout) | failed (with a reason) | stopped
 */
const NEXT: Record<SessionStatus, readonly SessionStatus[]> = {
  // A stopped session can still hold auth; logging it out removes that.
  stopped: ['starting', 'logged_out'],
  starting: ['qr', 'authenticating', 'connected', 'reconnecting', 'logged_out', 'failed', 'stopped'],
  qr: ['authenticating', 'connected', 'reconnecting', 'logged_out', 'failed', 'stopped'],
  authenticating: ['connected', 'reconnecting', 'logged_out', 'failed', 'stopped'],
  connected: ['reconnecting', 'logged_out', 'failed', 'stopped'],
  // A reconnect can find the auth gone (qr) or the link removed (logged_out).
  reconnecting: ['authenticating', 'connected', 'qr', 'logged_out', 'failed', 'stopped'],
  logged_out: ['starting', 'stopped'],
  failed: ['starting', 'logged_out', 'stopped'],
};

export const canTransition = (from: SessionStatus, to: SessionStatus) => NEXT[from].includes(to);
