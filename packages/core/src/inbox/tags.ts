import { contacts, contactTags, conversations, type Db } from '@switchboard/db';
import { MAX_TAGS_PER_CONTACT, normaliseTag, tagProblem } from '@switchboard/validators';
import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import { type Access, type Actor, requireScope } from '../access.ts';
import { AppError } from '../errors.ts';

/** Each contact's tags, sorted, for the contacts named. */
export function tagsOf(db: Db, contactIds: string[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  if (contactIds.length === 0) return result;
  const rows = db
    .select({ contactId: contactTags.contactId, tag: contactTags.tag })
    .from(contactTags)
    .where(inArray(contactTags.contactId, contactIds))
    .orderBy(asc(contactTags.tag))
    .all();
  for (const { contactId, tag } of rows) result.set(contactId, [...(result.get(contactId) ?? []), tag]);
  return result;
}

/** Contacts carrying `tag`, as a condition on `contacts.id`. */
export const taggedWith = (db: Db, tag: string): SQL =>
  inArray(
    contacts.id,
    db.select({ id: contactTags.contactId }).from(contactTags).where(eq(contactTags.tag, tag)),
  );

/**
 * Contact tags: set on a contact in the inbox or by API, listed with how many contacts carry each, and used
 * to pick campaign audiences.
 */
export class ContactTags {
  constructor(
    private readonly db: Db,
    private readonly access: Access,
    /** Tells the inbox the contact's conversation changed (its tags show there). */
    private readonly published: (conversationId: string) => void,
  ) {}

  /** Replaces the contact's tags; returns them as stored (lowercase, sorted, each once). */
  set(actor: Actor, input: { id: string; tags: string[] }): string[] {
    requireScope(actor, 'inbox:write');
    const contact = this.db.select().from(contacts).where(eq(contacts.id, input.id)).get();
    if (!contact || !this.access.visible(actor, contact.accountId, 'inbox:write'))
      throw new AppError('NOT_FOUND', `Contact ${input.id} not found`);
    for (const tag of input.tags) {
      const problem = tagProblem(tag);
      if (problem) throw new AppError('BAD_REQUEST', problem.text);
    }
    const tags = [...new Set(input.tags.map((t) => normaliseTag(t)!))].sort();
    if (tags.length > MAX_TAGS_PER_CONTACT)
      throw new AppError('BAD_REQUEST', `A contact has at most ${MAX_TAGS_PER_CONTACT} tags`);
    this.db.transaction((tx) => {
      tx.delete(contactTags).where(eq(contactTags.contactId, contact.id)).run();
      if (tags.length > 0)
        tx.insert(contactTags)
          .values(tags.map((tag) => ({ contactId: contact.id, accountId: contact.accountId, tag })))
          .run();
    });
    const conversation = this.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.contactId, contact.id))
      .get();
    if (conversation) this.published(conversation.id);
    return tags;
  }

  /** The tags in use on one account or every visible one, with how many contacts carry each. */
  list(actor: Actor, input: { sessionId?: string | null }): Array<{ tag: string; contacts: number }> {
    let where: SQL | undefined;
    if (input.sessionId) {
      this.access.account(actor, input.sessionId, 'inbox:read');
      where = eq(contactTags.accountId, input.sessionId);
    } else where = this.access.accountFilter(actor, contactTags.accountId, 'inbox:read');
    return this.db
      .select({ tag: contactTags.tag, contacts: count() })
      .from(contactTags)
      .where(and(where))
      .groupBy(contactTags.tag)
      .orderBy(asc(contactTags.tag))
      .all();
  }
}
