import type { Chat } from '../contract.ts';

/** Chats remembered per session; the oldest conversation is forgotten first. */
const CHAT_LIMIT = 1000;

/** A session's one-to-one chats, as WhatsApp lists them: one per peer, the most recently active first. */
export class RecentChats {
  /** Peer phone → last message time, least recently active first. */
  readonly #chats = new Map<string, number>();

  touch(phone: string, at: number): void {
    this.#chats.delete(phone);
    this.#chats.set(phone, at);
    if (this.#chats.size > CHAT_LIMIT) {
      const oldest = this.#chats.keys().next().value;
      if (oldest !== undefined) this.#chats.delete(oldest);
    }
  }

  list(): Chat[] {
    return [...this.#chats].reverse().map(([phone, lastMessageAt]) => ({
      id: `${phone}@c.us`,
      name: phone,
      isGroup: false,
      unreadCount: 0,
      lastMessageAt,
    }));
  }
}
