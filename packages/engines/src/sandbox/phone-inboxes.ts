import type { PhoneMessage } from './network-log.ts';
import { PhoneFiles } from './phone-files.ts';

/** Bounds, so a long-running sandbox cannot grow without limit. */
export const INBOX_BOUNDS = { perPhone: 1000, phones: 10_000 };
/**
 * A full inbox is trimmed this many messages at a time, not one per message (shifting a thousand entries on
 * every send to a busy number): it holds up to this many more than it shows, and shows the newest only.
 */
const TRIM_EVERY = 250;
/** The bytes of received files kept for all phones together; older ones are forgotten first. */
const PHONE_FILE_BYTES = 256 * 1024 * 1024;

/**
 * What each virtual phone has received, oldest first, with the bytes of the newest files. The least
 * recently written phone's inbox is the first forgotten once there are too many.
 */
export class PhoneInboxes {
  /** Least recently written phone first. */
  readonly #inboxes = new Map<string, PhoneMessage[]>();
  readonly #files = new PhoneFiles(PHONE_FILE_BYTES);

  /** `kept`: inboxes read back from the network's log, least recently written first. */
  constructor(kept?: ReadonlyMap<string, PhoneMessage[]>) {
    for (const [phone, inbox] of kept ?? []) this.#inboxes.set(phone, inbox);
  }

  /** Phone `to` received `message` (and the file `data`, when it carried one). */
  put(to: string, message: PhoneMessage, data?: Buffer): void {
    if (data) this.#files.put(message.id, data);
    const inbox = this.#inboxes.get(to) ?? [];
    this.#inboxes.delete(to);
    this.#inboxes.set(to, inbox);
    inbox.push(message);
    if (inbox.length >= INBOX_BOUNDS.perPhone + TRIM_EVERY)
      for (const gone of inbox.splice(0, inbox.length - INBOX_BOUNDS.perPhone)) this.#files.forget(gone.id);
    if (this.#inboxes.size > INBOX_BOUNDS.phones) {
      const oldest = this.#inboxes.keys().next().value;
      if (oldest !== undefined) {
        for (const gone of this.#inboxes.get(oldest) ?? []) this.#files.forget(gone.id);
        this.#inboxes.delete(oldest);
      }
    }
  }

  /** What `phone` received, oldest first: its newest messages, within the bound. */
  of(phone: string): readonly PhoneMessage[] | undefined {
    const inbox = this.#inboxes.get(phone);
    return inbox && inbox.length > INBOX_BOUNDS.perPhone ? inbox.slice(-INBOX_BOUNDS.perPhone) : inbox;
  }

  /** Every phone that received something, least recently written first. */
  all(): Array<[string, readonly PhoneMessage[]]> {
    return [...this.#inboxes.keys()].map((phone) => [phone, this.of(phone) ?? []]);
  }

  /** The bytes of the file received in message `id`, while they are kept. */
  file(id: string): Buffer | undefined {
    return this.#files.get(id);
  }
}
