import { type Db, type Webhook, webhooks } from '@switchboard/db';
import type { WebhookEvent } from '@switchboard/validators';
import type { EventBus } from '../events.ts';

/**
 * Every webhook endpoint, kept in memory: each message change asks which endpoints want it, and most of the
 * time the answer is none. Read from the database on first use after a change; forgotten whenever an
 * endpoint is added, changed or removed, or an account (whose endpoints go with it) is deleted — told over
 * the event bus, so a cache in another process can hear of it the same way.
 */
export class WebhookEndpoints {
  #all: Map<string, Webhook> | null = null;
  /** Enabled endpoints by the account they serve (null: every account). */
  #enabled = new Map<string | null, Webhook[]>();

  constructor(
    private readonly db: Db,
    bus: EventBus,
  ) {
    bus.onWebhooksChange(() => this.forget());
    bus.on('session', (event) => {
      if (event.type === 'deleted') this.forget();
    });
  }

  forget(): void {
    this.#all = null;
  }

  byId(id: string): Webhook | undefined {
    return this.#load().get(id);
  }

  /** Enabled endpoints, oldest first. */
  enabled(): Webhook[] {
    this.#load();
    return [...this.#enabled.values()].flat().sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Enabled endpoints that take `type` for these accounts' events (global endpoints take every account's). */
  for(accountIds: readonly string[], type: WebhookEvent): Webhook[] {
    this.#load();
    const found = [...new Set([null, ...accountIds])].flatMap((id) => this.#enabled.get(id) ?? []);
    return found.filter((w) => w.events.includes(type));
  }

  #load(): Map<string, Webhook> {
    if (this.#all) return this.#all;
    const rows = this.db.select().from(webhooks).orderBy(webhooks.createdAt, webhooks.id).all();
    this.#all = new Map(rows.map((w) => [w.id, w]));
    this.#enabled = new Map();
    for (const w of rows) {
      if (!w.enabled) continue;
      const list = this.#enabled.get(w.accountId) ?? [];
      list.push(w);
      this.#enabled.set(w.accountId, list);
    }
    return this.#all;
  }
}
