import {
  type Chat,
  type Engine,
  type EngineEvent,
  type EngineEventListener,
  type EngineSession,
  type EngineSessionOptions,
  EventHub,
  type Group,
  type OutboundContent,
  type PhoneDigits,
} from '@switchboard/engines/contract';
import type { EngineName } from '@switchboard/validators';

/** A promise that never settles: an engine call that hangs. */
export const never = <T = void>(): Promise<T> => new Promise<T>(() => {});

/** A promise with its resolve/reject handed out, for steering an engine call from a test. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export interface SentMessage {
  to: PhoneDigits;
  content: OutboundContent;
  externalId: string;
}

/**
 * A scriptable engine session. Every method's behaviour is a replaceable function (`startImpl`, `stopImpl`,
 * …) so a test decides per session whether a call resolves, rejects, hangs or throws synchronously; calls
 * are recorded; events are emitted on demand with `emit()`.
 */
export class FakeSession implements EngineSession {
  readonly calls = { start: 0, stop: 0, logout: 0, pairingCode: [] as string[] };
  readonly sent: SentMessage[] = [];
  /** Sends currently inside the engine, and the most there ever were at once. */
  inFlightSends = 0;
  maxInFlightSends = 0;
  /** A leaky engine keeps calling listeners after they unsubscribed (to exercise the generation check). */
  ignoreUnsubscribe = false;

  startImpl: () => Promise<void> = async () => {};
  stopImpl: () => Promise<void> = async () => {};
  logoutImpl: () => Promise<void> = async () => {};
  sendImpl: (to: PhoneDigits, content: OutboundContent) => Promise<{ externalId: string }> = async () => ({
    externalId: `ext-${this.options.id}-${this.sent.length + 1}`,
  });
  requestPairingCodeImpl: (phone: PhoneDigits) => Promise<string> = async () => 'ABCD1234';
  checkNumberImpl: (phone: PhoneDigits) => Promise<{ onWhatsApp: boolean; chatId?: string }> = async (
    phone,
  ) => ({ onWhatsApp: true, chatId: `${phone}@c.us` });
  listGroupsImpl: () => Promise<Group[]> = async () => [];
  listChatsImpl: () => Promise<Chat[]> = async () => [];

  readonly #hub = new EventHub<EngineEvent>();
  readonly #listeners = new Set<EngineEventListener>();

  constructor(readonly options: EngineSessionOptions) {}

  get id(): string {
    return this.options.id;
  }

  /** How many listeners are subscribed right now. */
  get listenerCount(): number {
    return this.#listeners.size;
  }

  // ── Scripting helpers ──────────────────────────────────────────────────────────────────────────────

  startHangs(): this {
    this.startImpl = () => never();
    return this;
  }

  startRejects(message: string): this {
    this.startImpl = async () => {
      throw new Error(message);
    };
    return this;
  }

  /** start() throws before returning a promise, as a careless engine might. */
  startThrowsSynchronously(message: string): this {
    this.startImpl = () => {
      throw new Error(message);
    };
    return this;
  }

  /** start() resolves, then the given events follow in order (on later ticks, as a real engine's would). */
  startEmits(...events: EngineEvent[]): this {
    this.startImpl = async () => {
      setTimeout(() => {
        for (const event of events) this.emit(event);
      }, 0);
    };
    return this;
  }

  stopHangs(): this {
    this.stopImpl = () => never();
    return this;
  }

  logoutHangs(): this {
    this.logoutImpl = () => never();
    return this;
  }

  /** Delivers an event to the subscribed listeners, isolated from each other like a real engine's hub. */
  emit(event: EngineEvent): void {
    this.#hub.emit(event);
  }

  connect(phone = '4915123456789', name = 'Fake Phone'): void {
    this.emit({ type: 'ready', me: { phone, name } });
  }

  // ── EngineSession ──────────────────────────────────────────────────────────────────────────────────

  start(): Promise<void> {
    this.calls.start += 1;
    return this.startImpl();
  }

  stop(): Promise<void> {
    this.calls.stop += 1;
    return this.stopImpl();
  }

  logout(): Promise<void> {
    this.calls.logout += 1;
    return this.logoutImpl();
  }

  requestPairingCode(phone: PhoneDigits): Promise<string> {
    this.calls.pairingCode.push(phone);
    return this.requestPairingCodeImpl(phone);
  }

  async send(to: PhoneDigits, content: OutboundContent): Promise<{ externalId: string }> {
    this.inFlightSends += 1;
    this.maxInFlightSends = Math.max(this.maxInFlightSends, this.inFlightSends);
    try {
      const result = await this.sendImpl(to, content);
      this.sent.push({ to, content, externalId: result.externalId });
      return result;
    } finally {
      this.inFlightSends -= 1;
    }
  }

  checkNumber(phone: PhoneDigits): Promise<{ onWhatsApp: boolean; chatId?: string }> {
    return this.checkNumberImpl(phone);
  }

  listGroups(): Promise<Group[]> {
    return this.listGroupsImpl();
  }

  listChats(): Promise<Chat[]> {
    return this.listChatsImpl();
  }

  onEvent(listener: EngineEventListener): () => void {
    this.#listeners.add(listener);
    const off = this.#hub.on(listener);
    return () => {
      this.#listeners.delete(listener);
      if (!this.ignoreUnsubscribe) off();
    };
  }
}

/**
 * An Engine whose sessions are FakeSessions. `configure` runs on every new session before the caller gets
 * it, so a test can script sessions the manager creates by itself (reconnects, restores, dormant logouts).
 */
export class FakeEngine implements Engine {
  readonly sessions: FakeSession[] = [];
  configure: (session: FakeSession, options: EngineSessionOptions) => void = () => {};
  /** When set, createSession throws this error's message instead of creating a session. */
  createError: string | undefined;

  constructor(readonly name: EngineName = 'sandbox') {}

  createSession(options: EngineSessionOptions): FakeSession {
    if (this.createError !== undefined) throw new Error(this.createError);
    const session = new FakeSession(options);
    this.configure(session, options);
    this.sessions.push(session);
    return session;
  }

  /** Every session created for a session id, oldest first. */
  sessionsFor(id: string): FakeSession[] {
    return this.sessions.filter((s) => s.id === id);
  }

  /** The newest session created for a session id; throws when there is none. */
  latest(id: string): FakeSession {
    const session = this.sessionsFor(id).at(-1);
    if (!session) throw new Error(`No engine session was created for ${id}`);
    return session;
  }
}
