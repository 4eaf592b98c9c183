/** The timers of one session's run, so stopping it can clear them all. */
export class RunTimers {
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  /** Unref'd: a forgotten session never holds the process open. */
  later(ms: number, callback: () => void): void {
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        callback();
      },
      Math.max(0, ms),
    );
    timer.unref();
    this.#timers.add(timer);
  }

  clear(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}
