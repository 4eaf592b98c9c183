import { contacts, conversations, type Db } from '@switchboard/db';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Access, type Actor, requireScope } from '../access.ts';
import { AppError } from '../errors.ts';
import { searchCondition } from '../search.ts';
import type { ContactView, ListedContact } from '../views.ts';
import { contactView } from './conversation-rows.ts';
import { taggedWith, tagsOf } from './tags.ts';

/** A contact whose name contains `search` or whose phone has its digits. */
export const contactSearch = (input: string | null | undefined) =>
  searchCondition(input, [contacts.name], contacts.phone);

/** What the contact list is searched, narrowed and paged by. */
export interface ContactListInput {
  search?: string | null;
  tag?: string | null;
  limit: number;
  offset?: number;
}

/**
 * The contacts within `scope` (the accounts the asker may see, or one), alphabetically by name or number,
 * each with its conversation's id (null before any message); searched, or narrowed to a tag.
 */
export function listContacts(
  db: Db,
  scope: SQL[],
  input: ContactListInput,
): { items: ListedContact[]; nextOffset: number | null } {
  const conditions = [...scope];
  const search = contactSearch(input.search);
  if (search) conditions.push(search);
  if (input.tag) conditions.push(taggedWith(db, input.tag.trim().toLowerCase()));
  const offset = input.offset ?? 0;
  // A contact has at most one conversation (one per account and contact), so the join adds no rows.
  const rows = db
    .select({ contact: contacts, conversationId: conversations.id })
    .from(contacts)
    .leftJoin(conversations, eq(conversations.contactId, contacts.id))
    .where(and(...conditions))
    .orderBy(sql`coalesce(${contacts.name}, ${contacts.phone}) collate nocase`, contacts.id)
    .limit(input.limit + 1)
    .offset(offset)
    .all();
  const page = rows.slice(0, input.limit);
  const tags = tagsOf(
    db,
    page.map((row) => row.contact.id),
  );
  const items = page.map(({ contact, conversationId }) => ({
    ...contactView(contact, tags.get(contact.id)),
    conversationId,
  }));
  return { items, nextOffset: rows.length > input.limit ? offset + input.limit : null };
}

/**
 * Renames a contact the actor may change (NOT_FOUND otherwise, like a missing one); from then on WhatsApp's
 * push name no longer overwrites it. Gives its conversation's id too, for the caller to publish.
 */
export function renameContact(
  db: Db,
  access: Access,
  actor: Actor,
  input: { id: string; name: string | null },
): { contact: ContactView; conversationId: string | null } {
  requireScope(actor, 'inbox:write');
  const row = db.select().from(contacts).where(eq(contacts.id, input.id)).get();
  if (!row || !access.visible(actor, row.accountId, 'inbox:write'))
    throw new AppError('NOT_FOUND', `Contact ${input.id} not found`);
  const updated = db
    .update(contacts)
    .set({ name: input.name, nameEdited: input.name !== null, updatedAt: Date.now() })
    .where(eq(contacts.id, row.id))
    .returning()
    .get();
  const conversation = db
    .select({ id: conversations.id })
    .from(conversations)
    .where(eq(conversations.contactId, row.id))
    .get();
  return {
    contact: contactView(updated, tagsOf(db, [updated.id]).get(updated.id)),
    conversationId: conversation?.id ?? null,
  };
}
