import type { Contact } from '@switchboard/db';
import type { ConversationStatus } from '@switchboard/validators';

/**
 * WhatsApp's reach-out limit on an account (error 463): it may not start chats with people who never wrote
 * to it, until `until` (ms since epoch) when WhatsApp said. Not a status: the session stays connected.
 */
export interface SessionLimit {
  reason: string;
  until: number | null;
}

/**
 * Views shared across domains and the event bus. They live on this floor so that the bus and every domain
 * can name them without importing the domain that fills them.
 */

export type ContactView = Pick<
  Contact,
  'id' | 'accountId' | 'phone' | 'lid' | 'name' | 'createdAt' | 'updatedAt'
> & {
  /** Lowercase labels, sorted ("vip", "newsletter"). */
  tags: string[];
};

/** A contact in the contacts list, with the inbox thread to open for them (null before any message). */
export type ListedContact = ContactView & { conversationId: string | null };

export interface ConversationView {
  id: string;
  accountId: string;
  contact: ContactView;
  status: ConversationStatus;
  unreadCount: number;
  /** The user answering it, if someone was assigned. */
  assignee: { id: string; name: string } | null;
  lastMessageAt: number;
  lastMessagePreview: string;
  createdAt: number;
  updatedAt: number;
}
