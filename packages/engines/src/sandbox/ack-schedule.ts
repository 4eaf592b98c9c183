import type { AckLevel } from '../contract.ts';

/**
 * The receipts still to come for a session's sends: each send's `delivered`, then its `read`, after the
 * session's fixed delays. One queue of ids and send times and one timer for all of them, not two timers and
 * closures per send: at a thousand sends a second hundreds are in flight, and what each keeps alive until
 * its `read` (a few hundred ms) outlives young-generation collections, is promoted, and becomes garbage the
 * old generation has to collect in long pauses. Both delays are fixed, so each kind of receipt comes due in
 * the order the sends were made: the queue is drained from its front, the two kinds merged by due time.
 */
export class AckSchedule {
  readonly #deliveredDelayMs: number;
  /** At least a millisecond after `delivered`, so `read` never comes first or with it. */
  readonly #readDelayMs: number;
  readonly #emit: (externalId: string, ack: AckLevel) => void;
  #ids: string[] = [];
  #sentAt: number[] = [];
  /** The first send whose `delivered` is still to come; before it, those whose `read` is (from #readNext). */
  #deliverNext = 0;
  #readNext = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the timer fires. */
  #timerAt = 0;

  constructor(
    delays: { deliveredDelayMs: number; readDelayMs: number },
    emit: (externalId: string, ack: AckLevel) => void,
  ) {
    this.#deliveredDelayMs = Math.max(0, delays.deliveredDelayMs);
    this.#readDelayMs = Math.max(delays.readDelayMs, this.#deliveredDelayMs + 1);
    this.#emit = emit;
  }

  /** Schedules the receipts of a send made at `sentAt`. */
  add(externalId: string, sentAt: number): void {
    this.#ids.push(externalId);
    this.#sentAt.push(sentAt);
    this.#arm();
  }

  /** Forgets every receipt still to come (the run ended). */
  clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#ids = [];
    this.#sentAt = [];
    this.#deliverNext = 0;
    this.#readNext = 0;
  }

  /**
   * Sets the timer for the next receipt due, unless it is set for then or sooner. A new send's `delivered`
   * can come due before an earlier send's `read`, so a send added may bring the timer forward.
   */
  #arm(): void {
    const due = Math.min(this.#deliveredDue(), this.#readDue());
    if (due === Number.POSITIVE_INFINITY || (this.#timer && this.#timerAt <= due)) return;
    clearTimeout(this.#timer);
    this.#timerAt = due;
    this.#timer = setTimeout(() => this.#drain(), Math.max(0, due - Date.now()));
    // A forgotten session never holds the process open.
    this.#timer.unref();
  }

  /**
   * Tells every receipt that is due, earliest first. A listener may end the run (clear()) while it is told:
   * each step reads the queue afresh, so nothing of the old run is told after that.
   */
  #drain(): void {
    this.#timer = undefined;
    const now = Date.now();
    try {
      for (;;) {
        const delivered = this.#deliveredDue();
        const read = this.#readDue();
        if (read <= delivered && read <= now) this.#emit(this.#ids[this.#readNext++]!, 'read');
        else if (delivered <= now) this.#emit(this.#ids[this.#deliverNext++]!, 'delivered');
        else break;
      }
    } finally {
      // A listener that throws fails its own receipt, not the ones after it.
      this.#compact();
      this.#arm();
    }
  }

  #deliveredDue(): number {
    const at = this.#sentAt[this.#deliverNext];
    return at === undefined ? Number.POSITIVE_INFINITY : at + this.#deliveredDelayMs;
  }

  #readDue(): number {
    if (this.#readNext >= this.#deliverNext) return Number.POSITIVE_INFINITY;
    return this.#sentAt[this.#readNext]! + this.#readDelayMs;
  }

  /** Drops the sends that are done, now and then rather than one by one (shifting the rest each time). */
  #compact(): void {
    if (this.#readNext < 256 || this.#readNext * 2 < this.#ids.length) return;
    this.#ids.splice(0, this.#readNext);
    this.#sentAt.splice(0, this.#readNext);
    this.#deliverNext -= this.#readNext;
    this.#readNext = 0;
  }
}
