import type { EngineName } from '@switchboard/validators';
import {
  type Engine,
  type EngineEvent,
  type EngineEventListener,
  type EngineSession,
  type EngineSessionOptions,
  EventHub,
  type OutboundContent,
  type PeerId,
  type PhoneDigits,
  type ResourceUsage,
} from './contract.ts';

export type SessionFactory = (options: EngineSessionOptions) => EngineSession;

/**
 * An engine whose implementation is loaded the first time one of its sessions is used. The WhatsApp Web
 * engine's libraries (whatsapp-web.js, puppeteer) take a noticeable share of the server's start-up time and
 * memory, so a server whose sessions all run elsewhere never loads them. A load that fails is tried again
 * by the next session that needs it.
 */
export function lazyEngine(name: EngineName, load: () => Promise<SessionFactory>): Engine {
  let factory: Promise<SessionFactory> | undefined;
  const loaded = () => {
    factory ??= load().catch((error: unknown) => {
      factory = undefined;
      throw error;
    });
    return factory;
  };
  return {
    name,
    createSession: (options) => new LazySession(() => loaded().then((create) => create(options))),
  };
}

/** Stands in for an engine session until its implementation is loaded, then hands every call to it. */
class LazySession implements EngineSession {
  readonly #create: () => Promise<EngineSession>;
  readonly #events = new EventHub<EngineEvent>();
  #session: Promise<EngineSession> | undefined;
  #ready: EngineSession | undefined;

  constructor(create: () => Promise<EngineSession>) {
    this.#create = create;
  }

  #real(): Promise<EngineSession> {
    this.#session ??= this.#create().then(
      (session) => {
        this.#ready = session;
        session.onEvent((event) => this.#events.emit(event));
        return session;
      },
      (error: unknown) => {
        this.#session = undefined;
        throw error;
      },
    );
    return this.#session;
  }

  async start(): Promise<void> {
    return (await this.#real()).start();
  }

  async stop(): Promise<void> {
    return (await this.#real()).stop();
  }

  async logout(): Promise<void> {
    return (await this.#real()).logout();
  }

  async requestPairingCode(phone: PhoneDigits): Promise<string> {
    return (await this.#real()).requestPairingCode(phone);
  }

  async send(to: PeerId, content: OutboundContent): Promise<{ externalId: string }> {
    return (await this.#real()).send(to, content);
  }

  async checkNumber(phone: PhoneDigits) {
    return (await this.#real()).checkNumber(phone);
  }

  async listGroups() {
    return (await this.#real()).listGroups();
  }

  async listChats() {
    return (await this.#real()).listChats();
  }

  onEvent(listener: EngineEventListener): () => void {
    return this.#events.on(listener);
  }

  /** Nothing runs before the implementation is loaded, so there is nothing to measure yet. */
  async resourceUsage(): Promise<ResourceUsage | null> {
    return (await this.#ready?.resourceUsage?.()) ?? null;
  }
}
