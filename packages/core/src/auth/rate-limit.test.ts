import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

function limiter(limit: number, windowMs: number, maxKeys?: number) {
  const clock = { t: 1_000_000 };
  const rl = new RateLimiter({ limit, windowMs, now: () => clock.t, ...(maxKeys && { maxKeys }) });
  return { rl, clock };
}

describe('RateLimiter', () => {
  it('blocks once the limit is reached and says how long to wait', () => {
    const { rl, clock } = limiter(3, 60_000);
    for (let i = 0; i < 3; i++) {
      expect(rl.check('k').allowed).toBe(true);
      rl.hit('k');
      clock.t += 1_000;
    }
    // Oldest hit was 3 s ago, so it leaves the 60 s window in 57 s.
    expect(rl.check('k')).toEqual({ allowed: false, retryAfterSeconds: 57 });
    expect(rl.check('other').allowed).toBe(true);
  });

  it('slides: the oldest hit leaving the window frees one slot', () => {
    const { rl, clock } = limiter(2, 10_000);
    rl.hit('k');
    clock.t += 5_000;
    rl.hit('k');
    expect(rl.check('k').allowed).toBe(false);
    clock.t += 5_000; // first hit is now exactly windowMs old
    expect(rl.check('k').allowed).toBe(true);
    rl.hit('k');
    expect(rl.check('k')).toEqual({ allowed: false, retryAfterSeconds: 5 });
  });

  it('reset clears a key', () => {
    const { rl } = limiter(1, 10_000);
    rl.hit('k');
    expect(rl.check('k').allowed).toBe(false);
    rl.reset('k');
    expect(rl.check('k').allowed).toBe(true);
  });

  it('forgets stale keys and never tracks more than maxKeys', () => {
    const { rl, clock } = limiter(5, 1_000, 100);
    for (let i = 0; i < 50; i++) rl.hit(`old-${i}`);
    clock.t += 2_000;
    rl.hit('fresh'); // a window has passed: the sweep drops every stale key
    expect(rl.size).toBe(1);
    for (let i = 0; i < 500; i++) rl.hit(`flood-${i}`);
    expect(rl.size).toBe(100);
    expect(rl.check('flood-499').allowed).toBe(true);
  });

  it('rejects nonsensical configuration', () => {
    expect(() => new RateLimiter({ limit: 0, windowMs: 1_000 })).toThrow();
    expect(() => new RateLimiter({ limit: 1, windowMs: 0 })).toThrow();
  });
});
