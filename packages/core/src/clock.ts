/**
 * Time for work that waits on the calendar (campaign pacing, sending hours, daily caps). Passed in rather
 * than read from `Date`, so tests run days of pacing in milliseconds, deterministically.
 */
export interface Clock {
  now(): number;
  /** Runs `task` once `ms` of this clock's time have passed; returns a function that cancels it. */
  schedule(ms: number, task: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(ms, task) {
    const timer = setTimeout(task, Math.max(0, ms));
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** Randomness, injectable for the same reason: a number in [0, 1). */
export type Random = () => number;

/** A whole number between `min` and `max`, both included. */
export const between = (random: Random, min: number, max: number) =>
  min + Math.floor(random() * (max - min + 1));
