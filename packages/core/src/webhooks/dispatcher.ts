import type { Db } from '@switchboard/db';
import { unwritableReason } from '../database-errors.ts';
import type { EventBus } from '../events.ts';
import type { BackgroundService } from '../lifecycle.ts';
import type { Logger } from '../logger.ts';
import type { WebhookEndpoints } from '../outbox/endpoints.ts';
import type { WebhookOutbox } from '../outbox/outbox.ts';
import { DeliveryLoops, type WebhookDispatchConfig } from './delivery-loops.ts';
import { DispatcherThreads } from './dispatcher-threads.ts';
import { type Outcome, recordOutcomes } from './outcomes.ts';

export { DEFAULT_RETRY_SCHEDULE_MS, type WebhookDispatchConfig } from './delivery-loops.ts';

/** How long after its thread ended unexpectedly the dispatcher starts a new one and looks for work. */
const RESTART_AFTER_MS = 1_000;

/**
 * Sends the outbox through `DeliveryLoops` (one loop per endpoint, in order). With a database file they
 * run in worker threads (`DispatcherThreads`, `threads` of them, each endpoint always on the same one):
 * while a burst of events is being taken in, the server's event loop is busy with requests and a
 * delivery's answer would wait a turn behind them, so the lag grew with the burst; on threads of their own
 * deliveries keep going while events pour in. An in-memory database (tests) cannot be opened from another
 * thread, so there the loops run on this one. Answers are written down on this thread either way.
 */
export class WebhookDispatcher implements BackgroundService {
  readonly name = 'webhook dispatcher';
  readonly #endpoints: WebhookEndpoints;
  #running = false;
  /**
   * Whichever runs the loops: made at start-up when there are endpoints, when the first one is added, or
   * at the latest on the first wake with an endpoint to deliver to.
   */
  #sender: DeliveryLoops | DispatcherThreads | null = null;
  #restart: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    outbox: WebhookOutbox,
    private readonly config: WebhookDispatchConfig,
    private readonly log: Logger,
    /**
     * Told when an endpoint is turned off (it answered 410), so caches of endpoints forget it, and of each
     * attempt recorded, for whoever watches deliveries live.
     */
    private readonly bus: EventBus,
  ) {
    this.#endpoints = outbox.endpoints;
    outbox.onEnqueue((webhookIds) => this.wake(webhookIds));
    // The threads read endpoints through their own connections: they forget them when this thread does.
    const forget = () => (this.#sender instanceof DispatcherThreads ? this.#sender.forget() : undefined);
    bus.onWebhooksChange(() => {
      forget();
      // The first endpoint is there: a thread starts loading now, before its first event.
      const enabled = this.#endpoints.enabled().length;
      if (this.#running && enabled > 0) {
        const sender = this.#sending();
        if (sender instanceof DispatcherThreads) sender.warm(enabled);
      }
    });
    bus.on('session', (event) => {
      if (event.type === 'deleted') forget();
    });
  }

  start(): void {
    this.#running = true;
    this.wake();
  }

  /** Looks for due deliveries of these endpoints (by default every enabled one) that are not busy already. */
  wake(webhookIds?: readonly string[]): void {
    if (!this.#running) return;
    const ids = webhookIds ?? this.#endpoints.enabled().map((w) => w.id);
    // No endpoint, no thread: a server without webhooks never starts one.
    if (ids.length === 0) return;
    const sender = this.#sending();
    if (sender instanceof DeliveryLoops) sender.wake(ids);
    else sender.wake(ids, () => this.#endpoints.enabled().map((w) => w.id));
  }

  /** Stops sending; a send cut short is not counted and goes out again after the restart. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#restart);
    await this.#sender?.stop();
    this.#sender = null;
  }

  #sending(): DeliveryLoops | DispatcherThreads {
    if (this.#sender) return this.#sender;
    const record = (webhookId: string, outcomes: Outcome[]) => this.#record(webhookId, outcomes);
    const { $client } = this.db;
    this.#sender = $client.memory
      ? new DeliveryLoops({
          db: this.db,
          endpoints: this.#endpoints,
          config: this.config,
          log: this.log,
          record: (webhookId, outcomes) => Promise.resolve(record(webhookId, outcomes)),
        })
      : new DispatcherThreads(
          this.config.threads ?? 1,
          { dbPath: $client.name, config: this.config },
          this.log,
          record,
          () => {
            clearTimeout(this.#restart);
            this.#restart = setTimeout(() => this.wake(), RESTART_AFTER_MS);
            this.#restart.unref();
          },
        );
    return this.#sender;
  }

  /** Writes answers down; false when the database refuses (they stay pending, deliveries pause). */
  #record(webhookId: string, outcomes: Outcome[]): boolean {
    try {
      recordOutcomes(this.db, webhookId, outcomes, this.config.retryScheduleMs, this.bus, this.log);
      return true;
    } catch (error) {
      const reason = unwritableReason(error);
      if (!reason) {
        this.log.error('could not record webhook attempts', { webhook: webhookId, error });
      } else {
        // Not in a loop while the database refuses writes.
        this.log.warn('could not record webhook attempts; pausing deliveries', {
          webhook: webhookId,
          deliveries: outcomes.length,
          reason,
        });
      }
      return false;
    }
  }
}
