import type { Client as WwebClient, Message as WwebMessage } from 'whatsapp-web.js';
import type { EngineEvent, OutboundContent, PeerId } from '../contract.ts';
import { REACH_OUT_REFUSED } from '../reach-out-words.ts';
import { messageIdOf } from './ids.ts';
import { ackLevel, inboundMessage, senderJid } from './mapping.ts';
import { readReachOutState } from './page-probes.ts';
import { PeopleLookup } from './people.ts';
import { ReachOutLimit } from './reach-out.ts';
import { Sender } from './sender.ts';

/**
 * A linked account's traffic through one browser run: messages in and out, their receipts, and the
 * reach-out limit WhatsApp may put on the account. Events pass through `emit`, which drops them once the
 * run is over.
 */
export class Traffic {
  readonly #people: PeopleLookup;
  readonly #limit: ReachOutLimit;
  readonly #sender: Sender;
  /** Received messages are reported in the order they arrived, whatever their sender lookups take. */
  #receiving: Promise<void> = Promise.resolve();

  constructor(
    client: WwebClient,
    private readonly emit: (event: EngineEvent) => void,
  ) {
    this.#people = new PeopleLookup(client);
    this.#limit = new ReachOutLimit(
      async (refresh) => (client.pupPage ? readReachOutState(client.pupPage, refresh) : null),
      emit,
    );
    this.#sender = new Sender(client, this.#people, this.#limit);
    client.on('message', (message) => {
      // One message that cannot be mapped must not hold up the ones after it.
      this.#receiving = this.#receiving.then(() => this.#receive(message)).catch(() => undefined);
    });
    client.on('message_create', (message) => this.#sender.sawCreated(message));
    client.on('message_ack', (message, ack) => {
      const level = ackLevel(ack);
      const externalId = messageIdOf(message.id);
      if (!message.id.fromMe || !level || !externalId) return;
      if (level === 'failed') void this.#refused(externalId);
      else this.emit({ type: 'ack', externalId, ack: level });
    });
  }

  send(to: PeerId, content: OutboundContent): Promise<{ externalId: string }> {
    return this.#sender.send(to, content);
  }

  /** The account is ready: a limit WhatsApp announced before this start still holds, so say so at once. */
  connected(): void {
    void this.#limit.check(false);
  }

  stop(): void {
    this.#limit.stop();
  }

  async #receive(message: WwebMessage): Promise<void> {
    const jid = senderJid(message);
    // Senders WhatsApp names by LID (a privacy id) are kept under it; their number is added when known.
    const inbound = jid ? inboundMessage(message, await this.#people.ids(jid)) : null;
    if (inbound) this.emit({ type: 'message', message: inbound });
  }

  /** WhatsApp refused a message it had taken: error 463 when the account's reach-out is limited now. */
  async #refused(externalId: string): Promise<void> {
    const limit = await this.#limit.check(true);
    this.emit(
      limit?.limited
        ? { type: 'ack', externalId, ack: 'failed', reason: 'reach_out_limited', error: REACH_OUT_REFUSED }
        : { type: 'ack', externalId, ack: 'failed', reason: 'error', error: 'WhatsApp could not send it' },
    );
  }
}
