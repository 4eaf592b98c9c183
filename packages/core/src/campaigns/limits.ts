import type { Account } from '@switchboard/db';
import type { Clock } from '../clock.ts';
import { limitOf } from '../sessions/limit.ts';

/** What an account row says about its limit (the flag the session view shows). */
export type LimitedAccount = Pick<Account, 'id' | 'limitedReason' | 'limitedUntil'>;

/** How long an account counts as limited when WhatsApp refused a send to a new contact without saying until when. */
export const DEFAULT_LIMIT_MS = 60 * 60 * 1000;

/**
 * WhatsApp's reach-out limit per account (its error 463: no messages to new contacts for a while), as the
 * engine announced it (the account's stored flag) or as sends revealed it. Campaigns pause on it and resume
 * once it has passed; pools send from their other accounts meanwhile.
 */
export class ReachOutLimits {
  readonly #until = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** WhatsApp refused a send from the account as reach-out limited (until `until`, when it said). */
  mark(accountId: string, until?: number | null): void {
    this.#until.set(accountId, until ?? this.clock.now() + DEFAULT_LIMIT_MS);
  }

  /**
   * Until when the account is limited, or null when it is not. A limit announced without an end counts an
   * hour at a time.
   */
  until(account: LimitedAccount): number | null {
    const now = this.clock.now();
    const stored = limitOf(account, now);
    const storedUntil = stored ? (stored.until ?? now + DEFAULT_LIMIT_MS) : null;
    const marked = this.#until.get(account.id);
    if (marked !== undefined && marked <= now) this.#until.delete(account.id);
    const revealed = marked !== undefined && marked > now ? marked : null;
    if (storedUntil === null) return revealed;
    return revealed === null ? storedUntil : Math.max(revealed, storedUntil);
  }

  holds(account: LimitedAccount): boolean {
    return this.until(account) !== null;
  }
}
