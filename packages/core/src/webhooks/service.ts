import { type Db, type Webhook, webhookDeliveries, webhooks } from '@switchboard/db';
import { DEFAULT_WEBHOOK_EVENTS, type DeliveryStatus, type WebhookEvent } from '@switchboard/validators';
import { and, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import { type Access, type Actor, isAdmin, requireScope } from '../access.ts';
import { AppError } from '../errors.ts';
import type { DeliveryChange, EventBus } from '../events.ts';
import { newId } from '../ids.ts';
import { type DeliveryView, deliveryViews } from './delivery-views.ts';
import type { WebhookDispatcher } from './dispatcher.ts';
import { type EndpointHealth, endpointHealth, type FailingWebhookView, failingEndpoints } from './health.ts';
import { newWebhookSecret } from './signing.ts';
import { type PrivateTargetRules, targetPolicy, validateWebhookUrl } from './target-policy.ts';
import { TestEvents, type TestResult } from './test-events.ts';

/** Every endpoint operation, reading the delivery log included, needs this scope. */
const SCOPE = 'webhooks:manage';

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

export interface WebhookServiceConfig extends PrivateTargetRules {
  timeoutMs: number;
}

/** An endpoint as clients see it: never its secret (that is shown once, on create and rotate). */
export interface WebhookView extends EndpointHealth {
  id: string;
  accountId: string | null;
  url: string;
  description: string;
  events: WebhookEvent[];
  enabled: boolean;
  disabledReason: string | null;
  /** While a rotation overlaps: when the previous secret stops signing. */
  previousSecretExpiresAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** What a live watcher of deliveries follows: one endpoint, one account's endpoints, or every visible one. */
export interface DeliveryWatch {
  webhookId?: string | null | undefined;
  sessionId?: string | null | undefined;
}

/** Endpoint management, the delivery log and replays. Who may touch an endpoint follows its account. */
export class WebhookService {
  readonly #testEvents: TestEvents;

  constructor(
    private readonly db: Db,
    private readonly access: Access,
    private readonly dispatcher: WebhookDispatcher,
    private readonly config: WebhookServiceConfig,
    /** Told of every endpoint change, so caches of endpoints (the outbox's) forget them. */
    private readonly bus: EventBus,
  ) {
    this.#testEvents = new TestEvents(db, config);
  }

  list(actor: Actor, input: { sessionId?: string | null } = {}): WebhookView[] {
    if (input.sessionId) this.access.account(actor, input.sessionId, SCOPE);
    const rows = this.#visibleRows(actor).filter((w) => !input.sessionId || w.accountId === input.sessionId);
    return rows.map((row) => this.#view(row));
  }

  create(
    actor: Actor,
    input: {
      sessionId: string | null;
      url: string;
      description?: string;
      events?: WebhookEvent[];
      enabled?: boolean;
    },
  ): WebhookView & { secret: string } {
    this.#assertMayManage(actor, input.sessionId);
    const urlSetByAdmin = isAdmin(actor);
    const url = validateWebhookUrl(input.url, targetPolicy(this.config, urlSetByAdmin)).toString();
    const now = Date.now();
    const row = this.db
      .insert(webhooks)
      .values({
        id: newId(),
        accountId: input.sessionId,
        url,
        description: input.description ?? '',
        secret: newWebhookSecret(),
        events: dedupe(input.events ?? DEFAULT_WEBHOOK_EVENTS),
        enabled: input.enabled ?? true,
        urlSetByAdmin,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    this.bus.publishEndpointChange({ webhookId: row.id, accountId: row.accountId });
    return { ...this.#view(row), secret: row.secret };
  }

  update(
    actor: Actor,
    input: { id: string; url?: string; description?: string; events?: WebhookEvent[]; enabled?: boolean },
  ): WebhookView {
    const current = this.#visible(actor, input.id);
    // A new URL needs a new say: an operator's replaces an admin's approval of private targets.
    const urlSetByAdmin = isAdmin(actor);
    const url =
      input.url === undefined
        ? undefined
        : validateWebhookUrl(input.url, targetPolicy(this.config, urlSetByAdmin)).toString();
    const row = this.db
      .update(webhooks)
      .set({
        ...(url !== undefined ? { url, urlSetByAdmin } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.events !== undefined ? { events: dedupe(input.events) } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        // Turning it on again (e.g. after a 410) clears why it was off.
        ...(input.enabled ? { disabledReason: null } : {}),
        updatedAt: Date.now(),
      })
      .where(eq(webhooks.id, current.id))
      .returning()
      .get();
    this.bus.publishEndpointChange({ webhookId: row.id, accountId: row.accountId });
    if (input.enabled) this.dispatcher.wake();
    return this.#view(row);
  }

  /** The endpoint with its health, read from the attempt log (every delivery, not just recent ones). */
  #view(row: Webhook): WebhookView {
    return view(row, endpointHealth(this.db, row.id));
  }

  /** The visible endpoints that fail or were turned off by the server, most failures first. */
  failing(actor: Actor): FailingWebhookView[] {
    return failingEndpoints(this.db, this.#visibleRows(actor));
  }

  delete(actor: Actor, id: string): void {
    const row = this.#visible(actor, id);
    this.db.delete(webhooks).where(eq(webhooks.id, row.id)).run();
    this.bus.publishEndpointChange({ webhookId: row.id, accountId: row.accountId });
  }

  /** A new secret; the previous one keeps signing (beside it) for 24 h so receivers can switch over. */
  rotateSecret(actor: Actor, id: string): WebhookView & { secret: string } {
    const current = this.#visible(actor, id);
    const now = Date.now();
    const row = this.db
      .update(webhooks)
      .set({
        secret: newWebhookSecret(),
        previousSecret: current.secret,
        previousSecretExpiresAt: now + ROTATION_OVERLAP_MS,
        updatedAt: now,
      })
      .where(eq(webhooks.id, current.id))
      .returning()
      .get();
    this.bus.publishEndpointChange({ webhookId: row.id, accountId: row.accountId });
    return { ...this.#view(row), secret: row.secret };
  }

  /** Sends a `webhook.test` event at once (not through the outbox) and reports what the endpoint answered. */
  test(actor: Actor, id: string): Promise<TestResult> {
    return this.#testEvents.send(actor, this.#visible(actor, id));
  }

  /** Newest first; `nextCursor` goes back as `cursor`. */
  deliveries(
    actor: Actor,
    input: {
      webhookId?: string | null;
      status?: DeliveryStatus | null;
      eventType?: string | null;
      limit: number;
      cursor?: number | null;
    },
  ): { items: DeliveryView[]; nextCursor: number | null } {
    const ids = input.webhookId
      ? [this.#visible(actor, input.webhookId).id]
      : this.#visibleRows(actor).map((w) => w.id);
    if (ids.length === 0) return { items: [], nextCursor: null };
    const conditions: SQL[] = [inArray(webhookDeliveries.webhookId, ids)];
    if (input.status) conditions.push(eq(webhookDeliveries.status, input.status));
    if (input.eventType) conditions.push(eq(webhookDeliveries.eventType, input.eventType));
    if (input.cursor) conditions.push(lt(webhookDeliveries.seq, input.cursor));
    const rows = this.db
      .select()
      .from(webhookDeliveries)
      .where(and(...conditions))
      .orderBy(desc(webhookDeliveries.seq))
      .limit(input.limit + 1)
      .all();
    const page = rows.slice(0, input.limit);
    const items = deliveryViews(this.db, actor, page);
    return { items, nextCursor: rows.length > input.limit ? (page.at(-1)?.seq ?? null) : null };
  }

  /**
   * Checks that the actor may watch deliveries live: of one endpoint, of one account's endpoints, or of all
   * they see. NOT_FOUND for an endpoint or account they may not see, exactly like a missing one.
   */
  assertMayWatch(actor: Actor, filter: DeliveryWatch): void {
    if (filter.webhookId) this.#visible(actor, filter.webhookId);
    else if (filter.sessionId) this.access.account(actor, filter.sessionId, SCOPE);
    else requireScope(actor, SCOPE);
  }

  /**
   * What a watcher sees of a delivery change: the delivery as it is now, with its endpoint's health. Null when
   * it is outside the filter, the actor may not see its endpoint (any more), or it is gone.
   */
  change(
    actor: Actor,
    change: DeliveryChange,
    filter: DeliveryWatch,
  ): { webhook: WebhookView; delivery: DeliveryView } | null {
    if (filter.webhookId && change.webhookId !== filter.webhookId) return null;
    const endpoint = this.#find(actor, change.webhookId);
    if (!endpoint || (filter.sessionId && endpoint.accountId !== filter.sessionId)) return null;
    const row = this.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, change.deliveryId))
      .get();
    const [delivery] = row ? deliveryViews(this.db, actor, [row]) : [];
    return delivery ? { webhook: this.#view(endpoint), delivery } : null;
  }

  /**
   * Queues deliveries again — one, or every failed one of an endpoint — with a fresh set of attempts.
   * They are signed when sent, so with a fresh timestamp and signature.
   */
  replay(
    actor: Actor,
    input: { deliveryId?: string | undefined; webhookId?: string | undefined },
  ): {
    replayed: number;
  } {
    requireScope(actor, SCOPE);
    const { deliveryId, webhookId } = input;
    const now = Date.now();
    const reset = { status: 'pending' as const, attempts: 0, nextAttemptAt: now, updatedAt: now };
    let replayed: Array<{ id: string; webhookId: string }>;
    if (deliveryId !== undefined && webhookId === undefined) {
      const delivery = this.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.id, deliveryId))
        .get();
      const visible = delivery && this.#visibleRows(actor).some((w) => w.id === delivery.webhookId);
      if (!delivery || !visible) throw new AppError('NOT_FOUND', `Delivery ${deliveryId} not found`);
      if (delivery.status === 'pending')
        throw new AppError('CONFLICT', `Delivery ${delivery.id} is still pending: it will be sent anyway`);
      replayed = this.db
        .update(webhookDeliveries)
        .set(reset)
        .where(eq(webhookDeliveries.id, delivery.id))
        .returning(REPLAYED)
        .all();
    } else if (webhookId !== undefined && deliveryId === undefined) {
      const endpoint = this.#visible(actor, webhookId);
      replayed = this.db
        .update(webhookDeliveries)
        .set(reset)
        .where(and(eq(webhookDeliveries.webhookId, endpoint.id), eq(webhookDeliveries.status, 'failed')))
        .returning(REPLAYED)
        .all();
    } else {
      throw new AppError(
        'BAD_REQUEST',
        'Give either deliveryId (to send one delivery again) or webhookId (all its failed deliveries)',
      );
    }
    for (const d of replayed) this.bus.publishDelivery({ webhookId: d.webhookId, deliveryId: d.id });
    this.dispatcher.wake();
    return { replayed: replayed.length };
  }

  /** Endpoints of the accounts the actor sees; global ones only for admins. */
  #visibleRows(actor: Actor): Webhook[] {
    return this.db
      .select()
      .from(webhooks)
      .where(this.access.accountFilter(actor, webhooks.accountId, SCOPE))
      .orderBy(webhooks.createdAt)
      .all();
  }

  /** NOT_FOUND for someone else's endpoint or an operator asking for a global one, exactly like a missing one. */
  #visible(actor: Actor, id: string): Webhook {
    requireScope(actor, SCOPE);
    const row = this.#find(actor, id);
    if (!row) throw new AppError('NOT_FOUND', `Webhook ${id} not found`);
    return row;
  }

  /** The endpoint if the actor may see it (global ones: admins only). */
  #find(actor: Actor, id: string): Webhook | undefined {
    const row = this.db.select().from(webhooks).where(eq(webhooks.id, id)).get();
    if (!row) return undefined;
    const allowed =
      row.accountId === null
        ? isAdmin(actor)
        : this.access.visible(actor, row.accountId, SCOPE) !== undefined;
    return allowed ? row : undefined;
  }

  #assertMayManage(actor: Actor, sessionId: string | null): void {
    requireScope(actor, SCOPE);
    if (sessionId === null) {
      if (!isAdmin(actor))
        throw new AppError(
          'FORBIDDEN',
          'Only admins can add global webhooks (for every account): name an account',
        );
      return;
    }
    this.access.account(actor, sessionId, SCOPE);
  }
}

const REPLAYED = { id: webhookDeliveries.id, webhookId: webhookDeliveries.webhookId };

const dedupe = (events: readonly WebhookEvent[]) => [...new Set(events)];

function view(row: Webhook, health: EndpointHealth): WebhookView {
  return {
    ...health,
    id: row.id,
    accountId: row.accountId,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    previousSecretExpiresAt:
      row.previousSecretExpiresAt && row.previousSecretExpiresAt > Date.now()
        ? row.previousSecretExpiresAt
        : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
