export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Injected in tests; Math.random otherwise. */
  random?: () => number;
}

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential, capped, with "equal jitter" — half the
 * delay is fixed so retries never collapse to zero, half is random so many sessions that dropped together
 * do not reconnect in lockstep.
 */
export function backoffDelay(
  attempt: number,
  { baseMs, maxMs, random = Math.random }: BackoffOptions,
): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  const half = exponential / 2;
  return Math.round(half + random() * half);
}
