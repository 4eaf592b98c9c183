import type { Clock } from '../clock.ts';

/**
 * A clock that moves only when told: `advance` fires what falls due, in order; `next` jumps to the next
 * timer. Days of pacing pass in a few milliseconds.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #timers = new Map<number, { at: number; task: () => void }>();

  constructor(start = Date.UTC(2025, 0, 6, 9, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  schedule(ms: number, task: () => void): () => void {
    const id = ++this.#seq;
    this.#timers.set(id, { at: this.#now + Math.max(0, ms), task });
    return () => this.#timers.delete(id);
  }

  /** When the next timer falls due, or null when none is set. */
  get nextAt(): number | null {
    let next: number | null = null;
    for (const t of this.#timers.values()) if (next === null || t.at < next) next = t.at;
    return next;
  }

  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      const due = [...this.#timers.entries()]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#now = Math.max(this.#now, due[1].at);
      due[1].task();
    }
    this.#now = until;
  }

  /** Jumps to the next timer and fires it (and any due at the same moment); false when none is set. */
  next(): boolean {
    const at = this.nextAt;
    if (at === null) return false;
    this.advance(at - this.#now);
    return true;
  }

  set(ms: number): void {
    this.#now = ms;
  }
}
