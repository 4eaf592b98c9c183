import type { Db } from '@switchboard/db';
import { unwritableReason } from '../database-errors.ts';
import type { EventBus } from '../events.ts';
import type { BackgroundService } from '../lifecycle.ts';
import type { Logger } from '../logger.ts';
import type { WebhookEndpoints } from '../outbox/endpoints.ts';
import type { WebhookOutbox } from '../outbox/outbox.ts';
import { DeliveryLoops, type WebhookDispatchConfig } from './delivery-loops.ts';
import { DispatcherThread } from './dispatcher-thread.ts';
import { type Outcome, recordOutcomes } from './outcomes.ts';

export { DEFAULT_RETRY_SCHEDULE_MS, type WebhookDispatchConfig } from './delivery-loops.ts';

/** How long after its thread ended unexpectedly the dispatcher starts a new one and looks for work. */
const RESTART_AFTER_MS = 1_000;

/**
 * Sends the outbox through `DeliveryLoops` (one loop per endpoint, in order). With a database file they
 * run in a worker thread (`DispatcherThread`): while a burst of events is being taken in, the server's
 * event loop is busy with requests and a delivery's answer would wait a turn behind them, so the lag grew
 * with the burst; on a thread of their own deliveries keep going while events pour in. An in-memory
 * database (tests) cannot be opened from another thread, so there the loops run on this one. Answers are
 * written down on this thread either way.
 */
export class WebhookDispatcher implements BackgroundService {
  readonly name = 'webhook dispatcher';
  readonly #endpoints: WebhookEndpoints;
  #running = false;
  /**
   * Whichever runs the loops: made at start-up when there are endpoints, when the first one is added, or
   * at the latest on the first wake with an endpoint to deliver to.
   */
  #sender: DeliveryLoops | DispatcherThread | null = null;
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
    // The thread reads endpoints through its own connection: it forgets them when this thread does.
    const forget = () => (this.#sender instanceof DispatcherThread ? this.#sender.forget() : undefined);
    bus.onWebhooksChange(() => {
      forget();
      // The first endpoint is there: the thread starts loading now, before its first event.
      if (this.#running && this.#endpoints.enabled().length > 0) this.#sending();
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
    if (ids.length > 0) this.#sending().wake(ids);
  }

  /** Stops sending; a send cut short is not counted and goes out again after the restart. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#restart);
    await this.#sender?.stop();
    this.#sender = null;
  }

  #sending(): DeliveryLoops | DispatcherThread {
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
      : new DispatcherThread({ dbPath: $client.name, config: this.config }, this.log, record, () => {
          this.#sender = null;
          this.log.error('the webhook dispatcher thread ended; starting a new one');
          this.#restart = setTimeout(() => this.wake(), RESTART_AFTER_MS);
          this.#restart.unref();
        });
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
