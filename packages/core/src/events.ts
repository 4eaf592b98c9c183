import { randomBytes } from 'node:crypto';
import { EventEmitter, on } from 'node:events';
import type { AuthChange } from './auth/identity.ts';
import type {
  AnyEvent,
  BusChannel,
  BusEvents,
  CampaignEvent,
  ChannelEvent,
  ConversationEvent,
  DeliveryChange,
  EndpointChange,
  MessageEvent,
  Payload,
  SessionEvent,
  WebhookChange,
} from './event-types.ts';
import { ResumeWindows } from './resume-windows.ts';

export type {
  BusChannel,
  BusEvents,
  CampaignEvent,
  ChannelEvent,
  ConversationEvent,
  DeliveryChange,
  EndpointChange,
  MessageEvent,
  SessionEvent,
  WebhookChange,
} from './event-types.ts';

/**
 * The core event bus. Writes happen before publishing, so a subscriber can always read what an event names.
 * A short backlog lets a reconnecting subscriber resume from the last id it saw instead of missing events.
 * It keeps a channel's events only while someone could resume from them (`ResumeWindows`); an event not
 * kept makes a resume from before it start afresh.
 */
export class EventBus extends EventEmitter<BusEvents> {
  readonly #boot = randomBytes(4).toString('hex');
  #seq = 0;
  /** Each event with its sequence number, kept beside it so dropping and resuming need not parse its id. */
  readonly #backlog: Array<{ channel: BusChannel; event: AnyEvent; seq: number }> = [];
  /** The newest event dropped from the backlog: a subscriber that saw only older ones cannot resume. */
  #forgotten = 0;
  /** Per channel, the sequence number of the newest event nobody was told of or kept (see `heard`, `#publish`). */
  readonly #unheard = new Map<BusChannel, number>();
  readonly #resume: ResumeWindows<BusChannel>;
  readonly #authListeners = new Set<(change: AuthChange) => void>();
  readonly #webhookListeners = new Set<() => void>();
  readonly #deliveries = new EventEmitter<{ change: [DeliveryChange] }>();
  readonly #endpoints = new EventEmitter<{ change: [EndpointChange] }>();

  private readonly backlogSize: number;
  private readonly onListenerError: (error: unknown) => void;

  constructor(
    options: { backlogSize?: number; awaitMs?: number; onListenerError?: (error: unknown) => void } = {},
  ) {
    super();
    this.backlogSize = options.backlogSize ?? 1000;
    this.#resume = new ResumeWindows(options.awaitMs ?? 60_000);
    this.onListenerError =
      options.onListenerError ?? ((error) => console.error('[switchboard] event listener threw', error));
    // Every WebSocket subscription adds listeners; many operators are normal, not a leak.
    this.setMaxListeners(0);
    this.#deliveries.setMaxListeners(0);
  }

  /** The id of the newest event published so far (also valid before the first one). */
  get lastId(): string {
    return `${this.#boot}:${this.#seq}`;
  }

  publishSession(payload: Payload<SessionEvent>): SessionEvent {
    return this.#publish('session', this.#stamp(payload) as SessionEvent);
  }

  /**
   * The commonest event (every send and each of its receipts), built field by field: spreading payloads of
   * every channel's shapes in one place made the copy the costliest part of publishing.
   */
  publishMessage({ type, sessionId, ownerId, message }: Payload<MessageEvent>): MessageEvent {
    const event = { type, sessionId, ownerId, message, id: this.#nextId(), at: Date.now() };
    return this.#publish('message', event);
  }

  publishConversation(payload: Payload<ConversationEvent>): ConversationEvent {
    return this.#publish('conversation', this.#stamp(payload) as ConversationEvent);
  }

  publishCampaign(payload: Payload<CampaignEvent>): CampaignEvent {
    return this.#publish('campaign', this.#stamp(payload) as CampaignEvent);
  }

  /**
   * Whether anyone listens on the channel, so a publisher can skip building an event nobody would get.
   * When nobody does, the caller skips it and the bus remembers that one went untold: a subscriber that
   * later tries to resume from before it is told it cannot (`missed` answers null) and starts afresh.
   */
  heard(channel: BusChannel): boolean {
    if (this.listenerCount(channel) > 0) return true;
    if (this.#resume.awaited(channel)) return true;
    this.#seq += 1;
    this.#unheard.set(channel, this.#seq);
    return false;
  }

  /**
   * The id a reader of the channel's current state (a list) hands to its subscription as `lastEventId`, taken
   * before it reads: the subscription then replays what was published since, so nothing falls between the
   * read and the stream's start. For a while (`awaitMs`) the channel counts as heard even with no listener,
   * so the events of that interval are built and kept to be replayed, not skipped.
   */
  readFrom(channel: BusChannel): string {
    this.#resume.read(channel);
    return this.lastId;
  }

  /**
   * The channel's events as they are published, until `signal` aborts. It listens from the moment it is
   * called, so call it before reading a backlog or a snapshot and nothing falls between the two.
   */
  stream<K extends BusChannel>(channel: K, signal?: AbortSignal): AsyncIterable<ChannelEvent<K>> {
    const published = on(this, channel, signal ? { signal } : {}) as AsyncIterableIterator<[ChannelEvent<K>]>;
    this.#resume.streamOpened(channel);
    let open = true;
    // Its subscriber may reconnect and resume from the last event it got: what follows is kept a while.
    const ended = () => {
      if (!open) return;
      open = false;
      this.#resume.streamEnded(channel);
    };
    signal?.addEventListener('abort', ended, { once: true });
    return (async function* () {
      try {
        for await (const [event] of published) yield event;
      } finally {
        ended();
      }
    })();
  }

  /**
   * Tells every listener that a user or a sign-in changed, so caches of who may do what forget it. Not a
   * channel: nobody streams or resumes these, they only invalidate.
   */
  publishAuth(change: AuthChange): void {
    this.#notify(this.#authListeners, change);
  }

  onAuthChange(listener: (change: AuthChange) => void): () => void {
    this.#authListeners.add(listener);
    return () => this.#authListeners.delete(listener);
  }

  /** Tells every cache of webhook endpoints that one was added, changed or removed. Like `publishAuth`. */
  publishWebhooksChange(): void {
    this.#notify(this.#webhookListeners, undefined);
  }

  /** An endpoint changed through its owner or an admin: the caches are told, and so are its watchers. */
  publishEndpointChange(change: EndpointChange): void {
    this.publishWebhooksChange();
    this.#endpoints.emit('change', change);
  }

  onWebhooksChange(listener: () => void): () => void {
    this.#webhookListeners.add(listener);
    return () => this.#webhookListeners.delete(listener);
  }

  /**
   * Whether anyone watches webhook deliveries. The outbox and the dispatcher ask before they gather what to
   * publish, so deliveries cost nothing extra while no dashboard has the webhooks panel open.
   */
  get watchingDeliveries(): boolean {
    return this.#deliveries.listenerCount('change') > 0;
  }

  /** Tells watchers a delivery changed. Not a channel: it names rows, watchers read them (and their access). */
  publishDelivery(change: DeliveryChange): void {
    if (!this.watchingDeliveries) return;
    for (const listener of this.#deliveries.rawListeners('change') as Array<(c: DeliveryChange) => void>) {
      try {
        listener(change);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /**
   * Delivery and endpoint changes as they are published, until `signal` aborts; listens from the moment it is
   * called (and counts as watching deliveries while it does).
   */
  webhookChanges(signal?: AbortSignal): AsyncIterable<WebhookChange> {
    const merged = new EventEmitter<{ change: [WebhookChange] }>();
    const forward = (change: WebhookChange) => merged.emit('change', change);
    this.#deliveries.on('change', forward);
    this.#endpoints.on('change', forward);
    const stop = () => {
      this.#deliveries.off('change', forward);
      this.#endpoints.off('change', forward);
    };
    signal?.addEventListener('abort', stop, { once: true });
    const changes = on(merged, 'change', signal ? { signal } : {}) as AsyncIterableIterator<[WebhookChange]>;
    return (async function* () {
      try {
        for await (const [change] of changes) yield change;
      } finally {
        stop();
      }
    })();
  }

  #notify<T>(listeners: Set<(value: T) => void>, value: T): void {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /**
   * Events published after `lastId`, oldest first; `null` when they cannot be told (another server run,
   * or older than the backlog), in which case the subscriber should start again from a snapshot.
   */
  since(lastId: string): AnyEvent[] | null {
    if ([...this.#unheard.values()].some((seq) => seq > seqOfId(lastId))) return null;
    return this.#after(lastId)?.map((entry) => entry.event) ?? null;
  }

  /** Like `since`, for one channel's events only. */
  missed<K extends BusChannel>(channel: K, lastId: string): ChannelEvent<K>[] | null {
    const entries = this.#after(lastId);
    if (!entries || (this.#unheard.get(channel) ?? 0) > seqOfId(lastId)) return null;
    return entries
      .filter((entry) => entry.channel === channel)
      .map((entry) => entry.event as ChannelEvent<K>);
  }

  #after(lastId: string): Array<{ channel: BusChannel; event: AnyEvent; seq: number }> | null {
    const [boot, seqText] = lastId.split(':');
    const seq = Number(seqText);
    if (boot !== this.#boot || !Number.isInteger(seq) || seq > this.#seq) return null;
    if (seq < this.#forgotten) return null;
    return this.#backlog.filter((entry) => entry.seq > seq);
  }

  /**
   * Like emit(), but a listener that throws is reported and skipped: the publisher (the session manager,
   * mid-way through a status change) and the other listeners carry on.
   */
  #deliver<K extends BusChannel>(name: K, event: ChannelEvent<K>): void {
    for (const listener of this.rawListeners(name) as Array<(e: ChannelEvent<K>) => void>) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  #stamp(payload: Payload<AnyEvent>): AnyEvent {
    return { ...payload, id: this.#nextId(), at: Date.now() } as AnyEvent;
  }

  #nextId(): string {
    this.#seq += 1;
    return this.lastId;
  }

  #publish<K extends BusChannel>(channel: K, event: ChannelEvent<K>): ChannelEvent<K> {
    // Called right after the event was numbered (`#nextId`), so its number is the newest one.
    if (this.#resume.resumable(channel)) {
      this.#backlog.push({ channel, event, seq: this.#seq });
      if (this.#backlog.length > this.backlogSize) {
        const dropped = this.#backlog.shift();
        if (dropped) this.#forgotten = dropped.seq;
      }
    } else this.#unheard.set(channel, this.#seq);
    this.#deliver(channel, event);
    return event;
  }
}

const seqOfId = (id: string) => Number(id.split(':')[1]);
