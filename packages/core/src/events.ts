import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Message } from '@switchboard/db';
import type { SessionStatus } from '@switchboard/validators';
import type { ConversationView } from './inbox/service.ts';

interface EventBase {
  /** Resumable id: `<boot>:<seq>`. Clients hand the last one back to resume after a reconnect. */
  id: string;
  sessionId: string;
  ownerId: string;
  at: number;
}

export type SessionEvent = EventBase &
  (
    | {
        type: 'status';
        status: SessionStatus;
        reason: string | null;
        phone: string | null;
        pushName: string | null;
        lastConnectedAt: number | null;
        /** When the next reconnect or retry is due, while one is scheduled. */
        nextRetryAt: number | null;
      }
    | { type: 'qr'; qr: string; expiresAt: number }
    | { type: 'pairing_code'; code: string }
    /** The session is gone for good; subscribers drop it. */
    | { type: 'deleted' }
  );

export type MessageEvent = EventBase & { type: 'message'; message: Message };

/** A conversation was created or changed (new message, read, resolved, contact renamed). */
export type ConversationEvent = EventBase & { type: 'conversation'; conversation: ConversationView };

type AnyEvent = SessionEvent | MessageEvent | ConversationEvent;

/** Session events only, out of a mixed backlog. */
export const isSessionEvent = (e: AnyEvent): e is SessionEvent =>
  e.type !== 'message' && e.type !== 'conversation';

type Payload<E> = E extends EventBase ? Omit<E, 'id' | 'at'> : never;

export interface BusEvents {
  session: [SessionEvent];
  message: [MessageEvent];
  conversation: [ConversationEvent];
}

/**
 * The core event bus. Writes happen before publishing, so a subscriber can always read what an event names.
 * A short backlog lets a reconnecting subscriber resume from the last id it saw instead of missing events.
 */
export class EventBus extends EventEmitter<BusEvents> {
  readonly #boot = randomBytes(4).toString('hex');
  #seq = 0;
  readonly #backlog: AnyEvent[] = [];

  private readonly backlogSize: number;
  private readonly onListenerError: (error: unknown) => void;

  constructor(options: { backlogSize?: number; onListenerError?: (error: unknown) => void } = {}) {
    super();
    this.backlogSize = options.backlogSize ?? 1000;
    this.onListenerError =
      options.onListenerError ?? ((error) => console.error('[switchboard] event listener threw', error));
    // Every WebSocket subscription adds listeners; many operators are normal, not a leak.
    this.setMaxListeners(0);
  }

  /** The id of the newest event published so far (also valid before the first one). */
  get lastId(): string {
    return `${this.#boot}:${this.#seq}`;
  }

  publishSession(payload: Payload<SessionEvent>): SessionEvent {
    const event = this.#stamp(payload) as SessionEvent;
    this.#deliver('session', event);
    return event;
  }

  publishMessage(payload: Payload<MessageEvent>): MessageEvent {
    const event = this.#stamp(payload) as MessageEvent;
    this.#deliver('message', event);
    return event;
  }

  publishConversation(payload: Payload<ConversationEvent>): ConversationEvent {
    const event = this.#stamp(payload) as ConversationEvent;
    this.#deliver('conversation', event);
    return event;
  }

  /**
   * Events published after `lastId`, oldest first; `null` when they cannot be told (another server run,
   * or older than the backlog), in which case the subscriber should start again from a snapshot.
   */
  since(lastId: string): AnyEvent[] | null {
    const [boot, seqText] = lastId.split(':');
    const seq = Number(seqText);
    if (boot !== this.#boot || !Number.isInteger(seq) || seq > this.#seq) return null;
    const oldest = this.#backlog[0];
    if (oldest && seq < Number(oldest.id.split(':')[1]) - 1) return null;
    return this.#backlog.filter((e) => Number(e.id.split(':')[1]) > seq);
  }

  /**
   * Like emit(), but a listener that throws is reported and skipped: the publisher (the session manager,
   * mid-way through a status change) and the other listeners carry on.
   */
  #deliver<K extends keyof BusEvents>(name: K, event: BusEvents[K][0]): void {
    for (const listener of this.rawListeners(name) as Array<(e: BusEvents[K][0]) => void>) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  #stamp(payload: Payload<AnyEvent>): AnyEvent {
    this.#seq += 1;
    const event = { ...payload, id: `${this.#boot}:${this.#seq}`, at: Date.now() } as AnyEvent;
    this.#backlog.push(event);
    if (this.#backlog.length > this.backlogSize) this.#backlog.shift();
    return event;
  }
}
