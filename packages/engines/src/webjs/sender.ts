import type { Client as WwebClient, Message as WwebMessage } from 'whatsapp-web.js';
import {
  EngineSendError,
  isLid,
  type OutboundContent,
  type PeerId,
  type SendFailureReason,
} from '../contract.ts';
import { REACH_OUT_REFUSED } from '../reach-out-words.ts';
import { messageIdOf } from './ids.ts';
import { sendArguments } from './outbound.ts';
import { mayMessage } from './page-probes.ts';
import type { PeopleLookup } from './people.ts';
import type { ReachOutLimit } from './reach-out.ts';

/** A send in progress: the chat ids its message may show up under, and the id it showed up with. */
interface HandOff {
  chats: Set<string>;
  content: OutboundContent;
  id?: string;
}

/**
 * Sends one message at a time and tells apart how a send ended. The message counts as handed to WhatsApp
 * once it joins WhatsApp Web's message collection — whatsapp-web.js reports that as `message_create`, and
 * does so before the send call returns. So when `sendMessage` throws or returns nothing, the outcome is
 * `unknown` (with the message's id) if that happened, and `failed` if not. Nothing is ever sent again.
 */
export class Sender {
  #queue: Promise<unknown> = Promise.resolve();
  #handOff: HandOff | undefined;

  constructor(
    private readonly client: WwebClient,
    private readonly people: PeopleLookup,
    private readonly limit: ReachOutLimit,
  ) {}

  send(to: PeerId, content: OutboundContent): Promise<{ externalId: string }> {
    const sending = this.#queue.then(() => this.#send(to, content));
    this.#queue = sending.catch(() => undefined);
    return sending;
  }

  /** Every `message_create`: the message of the send in progress, when it is this one. */
  sawCreated(message: WwebMessage): void {
    const handOff = this.#handOff;
    if (!handOff || handOff.id || !message.id.fromMe || !handOff.chats.has(message.to)) return;
    const same =
      handOff.content.type === 'text' ? message.body === handOff.content.text : message.type !== 'chat';
    if (same) handOff.id = messageIdOf(message.id) ?? undefined;
  }

  async #send(to: PeerId, content: OutboundContent): Promise<{ externalId: string }> {
    const who = isLid(to) ? to : `+${to}`;
    const chats = await this.#prepare(to, who).catch((error: unknown) => {
      if (error instanceof EngineSendError) throw error;
      const detail = errorText(error);
      throw failed(detail, failureReason(detail), error);
    });
    const [chatId] = chats;
    const handOff: HandOff = { chats: new Set(chats), content };
    this.#handOff = handOff;
    let sent: WwebMessage | undefined;
    try {
      sent = await this.client.sendMessage(chatId, ...sendArguments(content));
    } catch (error) {
      throw this.#failure(error, who, handOff.id);
    } finally {
      this.#handOff = undefined;
    }
    if (sent) {
      const externalId = messageIdOf(sent.id) ?? handOff.id;
      if (externalId) return { externalId };
      throw new EngineSendError(
        'WhatsApp took the message but gave no id for it: its receipts cannot be matched',
        {
          outcome: 'unknown',
          reason: 'no_message_id',
        },
      );
    }
    if (!handOff.id) throw failed(`WhatsApp Web could not open the chat with ${who}`, 'error');
    // whatsapp-web.js lost track of a message WhatsApp Web took: it may well arrive; receipts will say.
    throw new EngineSendError(
      'WhatsApp Web took the message but did not confirm it; it is not sent again — its receipts will settle it',
      { outcome: 'unknown', reason: 'error', externalId: handOff.id },
    );
  }

  /** Everything before the hand-off: the chat's id (and its aliases), and may this account write to it. */
  async #prepare(to: PeerId, who: string): Promise<[string, ...string[]]> {
    // A number is looked up first: sending to one that is not on WhatsApp fails obscurely, or not at all.
    const chatId = isLid(to) ? to : (await this.client.getNumberId(to))?._serialized;
    if (!chatId) throw failed(`${who} is not on WhatsApp`, 'not_on_whatsapp');
    // Asking for both ids makes WhatsApp Web fetch a LID it lacks, which it needs to address the person.
    const ids = await this.people.ids(chatId);
    const page = this.client.pupPage;
    if (page && (await mayMessage(page, chatId).catch(() => null)) === false) {
      await this.limit.check(false);
      throw failed(REACH_OUT_REFUSED, 'reach_out_limited');
    }
    return [chatId, ...(ids.lid ? [ids.lid] : []), ...(ids.phone ? [`${ids.phone}@c.us`] : [])];
  }

  #failure(error: unknown, who: string, handedOver: string | undefined): EngineSendError {
    const detail = errorText(error);
    const reason = failureReason(detail);
    if (reason === 'reach_out_limited') void this.limit.check(true);
    if (handedOver) {
      return new EngineSendError(
        `WhatsApp Web took the message, then reported an error (${detail}); it is not sent again — its receipts will settle it`,
        { outcome: 'unknown', reason, externalId: handedOver, cause: error },
      );
    }
    if (BROWSER_GONE.test(detail)) {
      return new EngineSendError(
        `The browser stopped while sending (${detail}): the message may or may not be out`,
        {
          outcome: 'unknown',
          reason: 'error',
          cause: error,
        },
      );
    }
    const text =
      reason === 'no_lid'
        ? `WhatsApp has not told this device the privacy id (LID) of ${who}, which it needs to write to them`
        : reason === 'reach_out_limited'
          ? REACH_OUT_REFUSED
          : detail;
    return failed(text, reason, error);
  }
}

const failed = (message: string, reason: SendFailureReason, cause?: unknown) =>
  new EngineSendError(message, { outcome: 'failed', reason, cause });

/** The browser or its connection went away mid-call: whether WhatsApp Web got the message is unknown. */
const BROWSER_GONE =
  /Target closed|Session closed|Connection closed|browser has disconnected|timed out|Execution context was destroyed/i;

/** puppeteer prefixes errors thrown in the page with "Evaluation failed: " and an error class name. */
function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n').find((l) => l.trim()) ?? message;
  return line
    .replace(/^Evaluation failed:\s*/, '')
    .replace(/^(Type|Reference)?Error:\s*/, '')
    .trim();
}

/** What WhatsApp Web's error message says about why a send failed. */
export function failureReason(detail: string): SendFailureReason {
  if (/No LID for user/i.test(detail)) return 'no_lid';
  if (/\b463\b|reach-?out|timelock/i.test(detail)) return 'reach_out_limited';
  if (/not on WhatsApp|invalid wid/i.test(detail)) return 'not_on_whatsapp';
  return 'error';
}
