/**
 * Per channel of the event bus, whether someone could still come to resume from its events: a stream is
 * open on it, a stream ended less than `awaitMs` ago (its client reconnecting), or a list was read from it
 * less than `awaitMs` ago (its reader about to subscribe with the id it took). Only then are the channel's
 * events worth keeping for a replay. On a server nobody watches (an integrator sending through the API),
 * the commonest events are then kept by nobody: a thousand of them held a moment each outlived
 * young-generation collections and became the old generation's garbage, its long pauses.
 */
export class ResumeWindows<Channel> {
  /** Until when a reader or a reconnecting subscriber may still come. */
  readonly #awaited = new Map<Channel, number>();
  /** How many streams are open. */
  readonly #streams = new Map<Channel, number>();

  constructor(private readonly awaitMs: number) {}

  /** A list was read from the channel: its reader subscribes next. */
  read(channel: Channel): void {
    this.#awaited.set(channel, Date.now() + this.awaitMs);
  }

  streamOpened(channel: Channel): void {
    this.#streams.set(channel, (this.#streams.get(channel) ?? 0) + 1);
  }

  /** A stream ended: its subscriber may reconnect and resume from the last event it got. */
  streamEnded(channel: Channel): void {
    this.#streams.set(channel, (this.#streams.get(channel) ?? 1) - 1);
    this.#awaited.set(channel, Math.max(this.#awaited.get(channel) ?? 0, Date.now() + this.awaitMs));
  }

  /** A reader or a reconnecting subscriber may still come (open streams aside). */
  awaited(channel: Channel): boolean {
    return (this.#awaited.get(channel) ?? 0) > Date.now();
  }

  /** Someone could come to resume from the channel's events. */
  resumable(channel: Channel): boolean {
    return (this.#streams.get(channel) ?? 0) > 0 || this.awaited(channel);
  }
}
