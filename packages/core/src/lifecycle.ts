import type { Logger } from './logger.ts';

/** Work that runs in the background while the server is up: started once, stopped on shutdown. */
export interface BackgroundService {
  readonly name: string;
  start(): void | Promise<void>;
  /** Ends the work and waits for what is in flight; must not throw for work that never started. */
  stop(): void | Promise<void>;
}

/**
 * Starts background services in the order they were added and stops them in reverse, so a service can rely
 * on those added before it for as long as it runs. The one place the server starts and stops them.
 */
export class Lifecycle {
  readonly #services: BackgroundService[] = [];
  readonly #started: BackgroundService[] = [];

  constructor(private readonly log: Logger) {}

  add(service: BackgroundService): this {
    this.#services.push(service);
    return this;
  }

  /** Starts each service in turn. If one fails to start, the ones already started are stopped again. */
  async start(): Promise<void> {
    for (const service of this.#services) {
      if (this.#started.includes(service)) continue;
      try {
        await service.start();
      } catch (error) {
        this.log.error('background service failed to start', { service: service.name, error });
        await this.stop();
        throw error;
      }
      this.#started.push(service);
    }
  }

  /** Stops what was started, newest first; one that fails to stop is logged and the others still stop. */
  async stop(): Promise<void> {
    for (const service of this.#started.splice(0).reverse()) {
      try {
        await service.stop();
      } catch (error) {
        this.log.error('background service failed to stop', { service: service.name, error });
      }
    }
  }
}

/** A task repeated every `everyMs` while started (first after one interval, or at once with `immediately`). */
export function periodic(
  name: string,
  everyMs: number,
  task: () => unknown,
  log: Logger,
  options: { immediately?: boolean } = {},
): BackgroundService {
  let timer: NodeJS.Timeout | undefined;
  const run = () =>
    Promise.resolve()
      .then(task)
      .catch((error: unknown) => log.error('periodic task failed', { task: name, error }));
  return {
    name,
    async start() {
      if (options.immediately) await run();
      timer = setInterval(() => void run(), everyMs).unref();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
