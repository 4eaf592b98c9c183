import {
  accounts,
  type Conversation,
  contacts,
  conversations,
  type Db,
  type Message,
  messages,
} from '@switchboard/db';
import { messagePreview, type Scope } from '@switchboard/validators';
import { and, count, eq, gt, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { type Access, type Actor, requireScope } from '../access.ts';
import { AppError } from '../errors.ts';
import type { EventBus } from '../events.ts';
import { newId } from '../ids.ts';
import { type MessagePage, pageMessages } from '../paging.ts';
import { direct, perDatabase } from '../prepared.ts';
import type { ContactView, ConversationView, ListedContact } from '../views.ts';
import { type Assignee, assignableUsers } from './assignees.ts';
import { type ContactListInput, listContacts, renameContact } from './contact-directory.ts';
import { resolveContact } from './contacts.ts';
import {
  type AssigneeFilter,
  type ConversationListInput,
  type ConversationListItem,
  listConversations,
} from './conversation-list.ts';
import { conversationRows } from './conversation-rows.ts';

const PREVIEW_LENGTH = 200;

export type { AssigneeFilter, ConversationListItem };

/** What `attach` needs of a message before it is stored. */
export type MessageToAttach = Pick<
  Message,
  'accountId' | 'peer' | 'direction' | 'type' | 'body' | 'createdAt'
>;

/**
 * The conversation upsert of every stored message, prepared once: a received message also counts as unread
 * and reopens the conversation.
 */
const statements = perDatabase((db) => {
  const upsert = (inbound: boolean) =>
    direct<Conversation>(
      db
        .insert(conversations)
        .values({
          id: sql.placeholder('id'),
          accountId: sql.placeholder('accountId'),
          contactId: sql.placeholder('contactId'),
          unreadCount: inbound ? 1 : 0,
          lastMessageAt: sql.placeholder('at'),
          lastMessagePreview: sql.placeholder('preview'),
          createdAt: sql.placeholder('now'),
          updatedAt: sql.placeholder('now'),
        })
        .onConflictDoUpdate({
          target: [conversations.accountId, conversations.contactId],
          // The values the insert would have written.
          set: {
            lastMessageAt: sql`excluded.last_message_at`,
            lastMessagePreview: sql`excluded.last_message_preview`,
            updatedAt: sql`excluded.updated_at`,
            ...(inbound
              ? { unreadCount: sql`${conversations.unreadCount} + 1`, status: 'open' as const }
              : {}),
          },
        })
        .returning()
        .prepare(),
    );
  return { received: upsert(true), sent: upsert(false) };
});

/**
 * Contacts and conversations: every message joins the conversation of its (account, contact), created on
 * first sight. `attach` runs inside the message's own transaction.
 */
export class InboxService {
  constructor(
    private readonly db: Db,
    private readonly access: Access,
    private readonly bus: EventBus,
  ) {}

  /**
   * Finds or creates the contact and conversation of a message about to be stored, and counts it: the
   * caller stores the message with the returned conversation's id, so one insert writes it whole. Inbound
   * messages add to the unread count and reopen a resolved conversation. `lid`: the sender's LID when
   * WhatsApp gave one; a contact kept under it is merged with the number's (see `resolveContact`).
   * Synchronous on purpose: it runs inside the message's transaction.
   */
  attach(message: MessageToAttach, pushName?: string | null, lid?: string): Conversation {
    const now = Date.now();
    const { contact, absorbed } = resolveContact(this.db, {
      accountId: message.accountId,
      peer: message.peer,
      lid,
      pushName,
    });
    // Told once the transaction around this call has committed (or rolled back: then nothing is gone).
    for (const gone of absorbed) setImmediate(() => this.#publishMerge(gone, contact.id));
    // "Photo · Our new menu", "Voice message": what the list shows of the last message.
    const preview = messagePreview(message.type, message.body).slice(0, PREVIEW_LENGTH);
    const upsert = statements(this.db)[message.direction === 'in' ? 'received' : 'sent'];
    return upsert.get({
      id: newId(),
      accountId: message.accountId,
      contactId: contact.id,
      at: message.createdAt,
      preview,
      now,
    })!;
  }

  /**
   * Publishes a conversation's current state (after the write that changed it has committed); reads and
   * builds nothing when nobody listens.
   */
  publish(conversationId: string, absorbed: string | null = null): void {
    if (!this.bus.heard('conversation')) return;
    const found = conversationRows(this.db, eq(conversations.id, conversationId))[0];
    if (!found) return;
    const ownerId = this.#ownerOf(found.accountId);
    if (ownerId)
      this.bus.publishConversation({
        type: 'conversation',
        sessionId: found.accountId,
        ownerId,
        conversation: found,
        absorbed,
      });
  }

  /** A conversation merged into the contact's: subscribers drop it — once the merge has really committed. */
  #publishMerge(gone: string, contactId: string): void {
    if (this.db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, gone)).get())
      return;
    const into = this.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.contactId, contactId))
      .get();
    if (into) this.publish(into.id, gone);
  }

  /** Unread first, then newest first, searched and filtered: see `listConversations`. */
  list(
    actor: Actor,
    input: ConversationListInput & { sessionId?: string | null },
  ): { items: ConversationListItem[]; nextOffset: number | null } {
    return listConversations(
      this.db,
      actor,
      this.#scope(actor, conversations.accountId, input.sessionId),
      input,
    );
  }

  /**
   * Conversations with unread messages and those messages, over the visible accounts (or one): the
   * dashboard's badge. Resolved ones count too: a message they get reopens them.
   */
  unreadCount(
    actor: Actor,
    input: { sessionId?: string | null },
  ): { conversations: number; messages: number } {
    const conditions = this.#scope(actor, conversations.accountId, input.sessionId);
    const row = this.db
      .select({
        conversations: count(),
        messages: sql<number>`coalesce(sum(${conversations.unreadCount}), 0)`,
      })
      .from(conversations)
      .where(and(...conditions, gt(conversations.unreadCount, 0)))
      .get();
    return { conversations: row?.conversations ?? 0, messages: row?.messages ?? 0 };
  }

  get(actor: Actor, id: string, scope: Scope = 'inbox:read'): ConversationView {
    requireScope(actor, scope);
    const found = conversationRows(this.db, eq(conversations.id, id))[0];
    if (!found || !this.access.visible(actor, found.accountId, scope))
      throw new AppError('NOT_FOUND', `Conversation ${id} not found`);
    return found;
  }

  /** The conversation's messages, newest first, with cursor paging. */
  messages(
    actor: Actor,
    input: { conversationId: string; limit: number; cursor?: string | null },
  ): MessagePage {
    const conversation = this.get(actor, input.conversationId);
    return pageMessages(
      this.db,
      eq(messages.conversationId, conversation.id),
      input,
      (anchor) => anchor.conversationId === conversation.id,
    );
  }

  markRead(actor: Actor, id: string): ConversationView {
    return this.#change(actor, id, { unreadCount: 0 });
  }

  /** Resolves (or, with `resolved: false`, reopens) a conversation. A new inbound message reopens it too. */
  resolve(actor: Actor, id: string, resolved: boolean): ConversationView {
    return this.#change(actor, id, { status: resolved ? 'resolved' : 'open' });
  }

  /**
   * Assigns a conversation to a user who may see its account (`null`: to nobody). Anyone else is refused
   * alike, whether they exist or not, so the answer tells nothing about other users.
   */
  assign(actor: Actor, id: string, userId: string | null): ConversationView {
    const current = this.get(actor, id, 'inbox:write');
    if (userId !== null && !this.assignees(actor, id).some((user) => user.id === userId))
      throw new AppError(
        'BAD_REQUEST',
        `User ${userId} cannot see session ${current.accountId}: assign the conversation to someone who can`,
        { reason: 'conversation.assignee_cannot_see', params: { user: userId, id: current.accountId } },
      );
    return this.#change(actor, id, { assigneeId: userId });
  }

  /** Who a conversation may be assigned to: the users who may see its account (its owner and the admins). */
  assignees(actor: Actor, id: string): Assignee[] {
    return assignableUsers(this.db, this.get(actor, id).accountId);
  }

  /** The contacts of the accounts the actor sees (or one): see `listContacts` beside. */
  listContacts(
    actor: Actor,
    input: ContactListInput & { sessionId?: string | null },
  ): { items: ListedContact[]; nextOffset: number | null } {
    return listContacts(this.db, this.#scope(actor, contacts.accountId, input.sessionId), input);
  }

  /** Renames a contact; from then on WhatsApp's push name no longer overwrites it. */
  updateContact(actor: Actor, input: { id: string; name: string | null }): ContactView {
    const { contact, conversationId } = renameContact(this.db, this.access, actor, input);
    if (conversationId) this.publish(conversationId);
    return contact;
  }

  #change(
    actor: Actor,
    id: string,
    values: Partial<Pick<Conversation, 'unreadCount' | 'status' | 'assigneeId'>>,
  ): ConversationView {
    const current = this.get(actor, id, 'inbox:write');
    this.db
      .update(conversations)
      .set({ ...values, updatedAt: Date.now() })
      .where(eq(conversations.id, current.id))
      .run();
    this.publish(current.id);
    return this.get(actor, id, 'inbox:write');
  }

  /** One account the actor may see (NOT_FOUND otherwise), or every one it sees. */
  #scope(actor: Actor, column: SQLiteColumn, sessionId: string | null | undefined): SQL[] {
    if (sessionId) {
      this.access.account(actor, sessionId, 'inbox:read');
      return [eq(column, sessionId)];
    }
    const visible = this.access.accountFilter(actor, column, 'inbox:read');
    return visible ? [visible] : [];
  }

  #ownerOf(accountId: string): string | undefined {
    return this.db
      .select({ ownerId: accounts.ownerId })
      .from(accounts)
      .where(eq(accounts.id, accountId))
      .get()?.ownerId;
  }
}
