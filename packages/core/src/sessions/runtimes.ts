import type { EngineSession, ResourceUsage, ShownQr } from '@switchboard/engines/contract';

/** What the server knows about a running session beyond its row. Memory only: a restart starts afresh. */
export interface Runtime {
  /** Bumped whenever the engine session is replaced or torn down; events from older ones are ignored. */
  generation: number;
  engine?: EngineSession;
  unsubscribe?: () => void;
  /** The QR code on display, while the status is `qr`. */
  qr?: ShownQr;
  startTimer?: NodeJS.Timeout;
  retryTimer?: NodeJS.Timeout;
  nextRetryAt?: number;
  /** Consecutive failed reconnects/retries; reset when the session connects. */
  attempts: number;
  /** Ends the wait of a command for the current start() to settle (called on teardown). */
  settleLaunch?: () => void;
  resources?: ResourceUsage & { sampledAt: number };
}

/** The runtime of every session that ran since boot, shared by the engine runner, the status store and the views. */
export class Runtimes {
  readonly #all = new Map<string, Runtime>();

  get(id: string): Runtime | undefined {
    return this.#all.get(id);
  }

  /** The session's runtime, created on first use. */
  of(id: string): Runtime {
    let rt = this.#all.get(id);
    if (!rt) {
      rt = { generation: 0, attempts: 0 };
      this.#all.set(id, rt);
    }
    return rt;
  }

  delete(id: string): void {
    this.#all.delete(id);
  }

  ids(): string[] {
    return [...this.#all.keys()];
  }

  entries(): Array<[string, Runtime]> {
    return [...this.#all.entries()];
  }
}

/** Cancels a scheduled reconnect or retry. */
export function clearRetry(rt: Runtime): void {
  clearTimeout(rt.retryTimer);
  rt.retryTimer = undefined;
  rt.nextRetryAt = undefined;
}
