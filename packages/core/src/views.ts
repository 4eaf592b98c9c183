import type { Contact } from '@switchboard/db';
import type { ConversationStatus } from '@switchboard/validators';

/**
 * Views shared across domains and the event bus. They live on this floor so that the bus and every domain
 * can name them without importing the domain that fills them.
 */

export type ContactView = Pick<Contact, 'id' | 'accountId' | 'phone' | 'name' | 'createdAt' | 'updatedAt'>;

export interface ConversationView {
  id: string;
  accountId: string;
  contact: ContactView;
  status: ConversationStatus;
  unreadCount: number;
  lastMessageAt: number;
  lastMessagePreview: string;
  createdAt: number;
  updatedAt: number;
}
