export interface RateLimiterOptions {
  /** Hits allowed per key within any window of `windowMs`. */
  limit: number;
  windowMs: number;
  /** Injectable clock for tests. */
  now?: () => number;
  /**
   * Upper bound on tracked keys. Past it the oldest keys are forgotten: losing a counter is better than
   * letting a flood of distinct keys (spoofed emails, many IPs) exhaust memory.
   */
  maxKeys?: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** 0 when allowed; otherwise whole seconds until the oldest counted hit leaves the window (at least 1). */
  retryAfterSeconds: number;
}

const DEFAULT_MAX_KEYS = 10_000;

/**
 * Sliding-window log per key: a key is blocked while `limit` hits fall within the last `windowMs`.
 * Unlike a fixed window it cannot be beaten by bursting at a window boundary. Each key keeps at most
 * `limit` timestamps, so memory is bounded by `maxKeys * limit`.
 */
export class RateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly maxKeys: number;
  /** Timestamps of recent hits, oldest first. Map order is insertion order, which eviction relies on. */
  private readonly hits = new Map<string, number[]>();
  private lastSweep: number;

  constructor(options: RateLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) {
      throw new Error(`Rate limit must be a positive integer, got ${options.limit}`);
    }
    if (!Number.isFinite(options.windowMs) || options.windowMs <= 0) {
      throw new Error(`Rate limit windowMs must be a positive number, got ${options.windowMs}`);
    }
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    this.lastSweep = this.now();
  }

  hit(key: string): void {
    const now = this.now();
    this.sweepIfDue(now);
    const recent = this.recent(key, now) ?? [];
    recent.push(now);
    // Only the newest `limit` hits can decide whether the key is blocked.
    if (recent.length > this.limit) recent.splice(0, recent.length - this.limit);
    // Re-inserting moves the key to the end, so eviction takes the least recently hit keys first.
    this.hits.delete(key);
    this.hits.set(key, recent);
    this.evictOverflow();
  }

  check(key: string): RateLimitResult {
    const now = this.now();
    const recent = this.recent(key, now);
    if (!recent || recent.length < this.limit) return { allowed: true, retryAfterSeconds: 0 };
    const oldest = recent[0] ?? now;
    const waitMs = oldest + this.windowMs - now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  /** Number of keys currently tracked (for tests and metrics). */
  get size(): number {
    return this.hits.size;
  }

  /** The key's hits still inside the window; drops the key entirely when none are. */
  private recent(key: string, now: number): number[] | undefined {
    const stamps = this.hits.get(key);
    if (!stamps) return undefined;
    const firstLive = stamps.findIndex((t) => t > now - this.windowMs);
    if (firstLive === -1) {
      this.hits.delete(key);
      return undefined;
    }
    if (firstLive > 0) stamps.splice(0, firstLive);
    return stamps;
  }

  /** Keys nobody hits again would otherwise stay forever; a full pass once per window keeps it amortised. */
  private sweepIfDue(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, stamps] of this.hits) {
      const newest = stamps[stamps.length - 1];
      if (newest === undefined || newest <= now - this.windowMs) this.hits.delete(key);
    }
  }

  private evictOverflow(): void {
    for (const key of this.hits.keys()) {
      if (this.hits.size <= this.maxKeys) return;
      this.hits.delete(key);
    }
  }
}
