import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

const full = () => 1;
const none = () => 0;

describe('backoffDelay', () => {
  it('doubles from the base delay with each attempt', () => {
    const delays = [0, 1, 2, 3, 4].map((attempt) =>
      backoffDelay(attempt, { baseMs: 1_000, maxMs: 1_000_000, random: full }),
    );
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('is capped at maxMs, even after very many attempts', () => {
    const options = { baseMs: 2_000, maxMs: 300_000, random: full };
    expect(backoffDelay(7, options)).toBe(256_000);
    expect(backoffDelay(8, options)).toBe(300_000);
    expect(backoffDelay(50, options)).toBe(300_000);
    expect(backoffDelay(10_000, options)).toBe(300_000);
    expect(Number.isFinite(backoffDelay(Number.MAX_SAFE_INTEGER, options))).toBe(true);
  });

  it('keeps the jitter within [half, full] of the exponential delay', () => {
    expect(backoffDelay(2, { baseMs: 1_000, maxMs: 60_000, random: none })).toBe(2_000);
    expect(backoffDelay(2, { baseMs: 1_000, maxMs: 60_000, random: () => 0.5 })).toBe(3_000);
    expect(backoffDelay(2, { baseMs: 1_000, maxMs: 60_000, random: full })).toBe(4_000);
    expect(backoffDelay(20, { baseMs: 1_000, maxMs: 60_000, random: none })).toBe(30_000);
    for (let i = 0; i <= 100; i++) {
      const random = () => i / 100;
      for (const attempt of [0, 3, 9]) {
        const exponential = Math.min(10_000, 100 * 2 ** attempt);
        const delay = backoffDelay(attempt, { baseMs: 100, maxMs: 10_000, random });
        expect(delay).toBeGreaterThanOrEqual(exponential / 2);
        expect(delay).toBeLessThanOrEqual(exponential);
        expect(Number.isInteger(delay)).toBe(true);
      }
    }
  });

  it('uses Math.random when no random source is injected, staying within bounds', () => {
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(1, { baseMs: 500, maxMs: 10_000 });
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(1_000);
    }
  });
});
