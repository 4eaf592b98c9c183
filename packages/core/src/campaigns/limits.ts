import type { Clock } from '../clock.ts';

/** How long an account counts as limited when WhatsApp refused a send to a new contact without saying until when. */
export const DEFAULT_LIMIT_MS = 60 * 60 * 1000;

/**
 * WhatsApp's reach-out limit per account (its error 463: no messages to new contacts for a while), as sends
 * reveal it. Campaigns pause on it and resume once it has passed; pools send from their other accounts meanwhile.
 */
export class ReachOutLimits {
  readonly #until = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** WhatsApp refused a send from the account as reach-out limited (until `until`, when it said). */
  mark(accountId: string, until?: number | null): void {
    this.#until.set(accountId, until ?? this.clock.now() + DEFAULT_LIMIT_MS);
  }

  clear(accountId: string): void {
    this.#until.delete(accountId);
  }

  /** Until when the account is limited, or null when it is not. */
  until(accountId: string): number | null {
    const until = this.#until.get(accountId);
    if (until === undefined) return null;
    if (until <= this.clock.now()) {
      this.#until.delete(accountId);
      return null;
    }
    return until;
  }

  holds(accountId: string): boolean {
    return this.until(accountId) !== null;
  }
}
