import type { Client as WwebClient } from 'whatsapp-web.js';
import { type PersonIds, personIds } from './ids.ts';

/** How long an answer without the number (or without the LID) is kept before WhatsApp is asked again. */
const PARTIAL_ANSWER_MS = 5 * 60_000;
/** People remembered per run; the oldest is forgotten first. */
const LIMIT = 5_000;

/**
 * Both ids (number and LID) of the people a session deals with, asked of WhatsApp Web once per person:
 * asking also makes WhatsApp Web fetch a LID it does not know yet, which it needs to write to that person.
 */
export class PeopleLookup {
  readonly #known = new Map<string, { ids: PersonIds; at: number }>();

  constructor(private readonly client: WwebClient) {}

  async ids(jid: string): Promise<PersonIds> {
    const known = this.#known.get(jid);
    if (known && ((known.ids.phone && known.ids.lid) || Date.now() - known.at < PARTIAL_ANSWER_MS)) {
      return known.ids;
    }
    let found: { pn?: string; lid?: string } | undefined;
    try {
      [found] = await this.client.getContactLidAndPhone([jid]);
    } catch {
      // Unanswered: the id the message names is still worth keeping.
    }
    const ids = personIds(jid, found);
    this.#known.delete(jid);
    this.#known.set(jid, { ids, at: Date.now() });
    if (this.#known.size > LIMIT) this.#known.delete(this.#known.keys().next().value ?? '');
    return ids;
  }
}
