import type { Account } from '@switchboard/db';
import type { SessionLimit } from '../views.ts';

/**
 * The reach-out limit stored on an account, while it holds. One whose announced end has passed is over,
 * even if no engine ran to say so (a stopped session).
 */
export function limitOf(
  row: Pick<Account, 'limitedReason' | 'limitedUntil'>,
  now = Date.now(),
): SessionLimit | null {
  if (row.limitedReason === null) return null;
  if (row.limitedUntil !== null && row.limitedUntil <= now) return null;
  return { reason: row.limitedReason, until: row.limitedUntil };
}

/**
 * What a new connection keeps of a stored limit: one with an end still ahead (WhatsApp's limit belongs to
 * the account, a restart does not lift it). Others are cleared; the engine announces them again if they hold.
 */
export function limitAfterConnect(
  row: Account,
  now = Date.now(),
): Pick<Account, 'limitedReason' | 'limitedUntil'> {
  const keep = row.limitedUntil !== null && row.limitedUntil > now;
  return keep
    ? { limitedReason: row.limitedReason, limitedUntil: row.limitedUntil }
    : { limitedReason: null, limitedUntil: null };
}

/** A logged-out account has no phone, so no limit either; the next link learns its own. */
export const NO_LIMIT = { limitedReason: null, limitedUntil: null } as const;
