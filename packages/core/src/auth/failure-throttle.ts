export interface FailureThrottleOptions {
  /** Failures a key may collect before each further attempt has to wait. */
  freeFailures: number;
  /** The wait after the first failure past the free ones; it doubles with each further failure. */
  baseDelayMs: number;
  /** The longest wait. A key with no failure for twice this long is forgotten. */
  maxDelayMs: number;
  /** Injectable clock for tests. */
  now?: () => number;
  /** Upper bound on tracked keys; past it the least recently failed are forgotten. */
  maxKeys?: number;
}

const DEFAULT_MAX_KEYS = 10_000;

/**
 * A growing delay per key instead of a hard lock: after `freeFailures` failures every further attempt waits
 * longer (base, 2×base, 4×base … up to the maximum). Attempts are counted when they start (`begin`), before
 * the slow password check, so a burst of simultaneous guesses cannot slip past the count; a success gives
 * its attempt back (`succeeded`).
 */
export class FailureThrottle {
  readonly #entries = new Map<string, { failures: number; last: number }>();
  readonly #now: () => number;
  readonly #maxKeys: number;

  constructor(private readonly options: FailureThrottleOptions) {
    this.#now = options.now ?? Date.now;
    this.#maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  waitMs(key: string): number {
    const now = this.#now();
    const entry = this.#live(key, now);
    if (!entry || entry.failures < this.options.freeFailures) return 0;
    const delay = Math.min(
      this.options.maxDelayMs,
      this.options.baseDelayMs * 2 ** (entry.failures - this.options.freeFailures),
    );
    return Math.max(0, entry.last + delay - now);
  }

  /** Counts an attempt as failed until it turns out otherwise. */
  begin(key: string): void {
    const now = this.#now();
    const entry = this.#live(key, now) ?? { failures: 0, last: now };
    entry.failures += 1;
    entry.last = now;
    // Re-inserted at the end: eviction takes the least recently failed keys first.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxKeys) break;
      this.#entries.delete(oldest);
    }
  }

  /** The attempt `begin` counted succeeded: it is given back (`clear`: and every earlier failure too). */
  succeeded(key: string, clear: boolean): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    if (clear || entry.failures <= 1) this.#entries.delete(key);
    else entry.failures -= 1;
  }

  #live(key: string, now: number) {
    const entry = this.#entries.get(key);
    // Forgotten only well after the longest wait, so waiting it out once does not bring the free tries back.
    if (entry && now - entry.last >= 2 * this.options.maxDelayMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
