import type { EngineEvent } from '../contract.ts';
import { limitReason } from '../reach-out-words.ts';
import type { ReachOutState } from './page-probes.ts';

/** Without an end time from WhatsApp, how often to ask whether a limit is over. */
const RECHECK_MS = 10 * 60_000;
/** Asked again this long after the announced end, so WhatsApp has lifted it by then. */
const AFTER_END_MS = 1_000;

/**
 * Follows the account's reach-out limit as WhatsApp Web knows it, and announces each change once: `limited`
 * (with its end when WhatsApp says) and `limit_lifted`. It never restarts anything: the session stays
 * connected and replies go on. While limited, it asks again when the limit should be over.
 */
export class ReachOutLimit {
  #state: ReachOutState = { limited: false };
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    private readonly read: (refresh: boolean) => Promise<ReachOutState | null>,
    private readonly emit: (event: EngineEvent) => void,
  ) {}

  get limited(): boolean {
    return this.#state.limited;
  }

  /** Asks WhatsApp Web (its server too, with `refresh`) and announces a change. Null: it cannot tell. */
  async check(refresh: boolean): Promise<ReachOutState | null> {
    const state = await this.read(refresh).catch(() => null);
    if (state && !this.#stopped) this.#apply(state);
    return state;
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #apply(state: ReachOutState): void {
    const was = this.#state;
    this.#state = state;
    clearTimeout(this.#timer);
    if (!state.limited) {
      if (was.limited) this.emit({ type: 'limit_lifted' });
      return;
    }
    if (!was.limited || was.until !== state.until || was.enforcement !== state.enforcement) {
      const event: EngineEvent = { type: 'limited', reason: limitReason(state.enforcement) };
      if (state.until) event.until = state.until;
      this.emit(event);
    }
    // Past its announced end, WhatsApp has not lifted it yet: ask again later, not in a loop.
    const wait =
      state.until && state.until > Date.now() ? state.until - Date.now() + AFTER_END_MS : RECHECK_MS;
    this.#timer = setTimeout(() => void this.check(true), wait);
    this.#timer.unref();
  }
}
