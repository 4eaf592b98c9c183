import { type Contact, contacts, conversations, type Db, users } from '@switchboard/db';
import { desc, eq, type SQL, sql } from 'drizzle-orm';
import type { ContactView, ConversationView } from '../views.ts';
import { tagsOf } from './tags.ts';

/**
 * Conversations matching `where` with their contact, its tags and the assignee's name, in the inbox's
 * order: unread first, then newest first.
 */
export function conversationRows(db: Db, where: SQL | undefined, limit = 1, offset = 0): ConversationView[] {
  const rows = db
    .select({
      conversation: conversations,
      contact: contacts,
      assignee: { id: users.id, name: users.name },
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(users, eq(users.id, conversations.assigneeId))
    .where(where)
    .orderBy(
      sql`case when ${conversations.unreadCount} > 0 then 0 else 1 end`,
      desc(conversations.lastMessageAt),
      desc(conversations.id),
    )
    .limit(limit)
    .offset(offset)
    .all();
  const tags = tagsOf(
    db,
    rows.map((r) => r.contact.id),
  );
  return rows.map(({ conversation: c, contact, assignee }) => ({
    id: c.id,
    accountId: c.accountId,
    contact: contactView(contact, tags.get(contact.id)),
    status: c.status,
    unreadCount: c.unreadCount,
    assignee,
    lastMessageAt: c.lastMessageAt,
    lastMessagePreview: c.lastMessagePreview,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }));
}

export const contactView = (c: Contact, tags: string[] = []): ContactView => ({
  id: c.id,
  accountId: c.accountId,
  phone: c.phone,
  lid: c.lid,
  name: c.name,
  tags,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});
