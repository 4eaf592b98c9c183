import { TRPCError } from '@trpc/server';

/**
 * How many live streams one WebSocket connection may hold at once. Each costs memory and work on every
 * event; the dashboard needs a handful.
 */
export class StreamSlots {
  #open = 0;

  constructor(readonly limit: number) {}

  /** Takes a slot for a new stream, or refuses; the returned function gives it back (once). */
  take(): () => void {
    if (this.#open >= this.limit) {
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `This connection already has ${this.limit} live streams open (MAX_SUBSCRIPTIONS_PER_SOCKET): close one first`,
      });
    }
    this.#open += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#open -= 1;
    };
  }
}
