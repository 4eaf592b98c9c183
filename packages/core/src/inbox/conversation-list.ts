import { conversations, type Db } from '@switchboard/db';
import type { ConversationStatus } from '@switchboard/validators';
import { and, eq, isNull, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../access.ts';
import type { ConversationView } from '../views.ts';
import { contactSearch } from './contact-directory.ts';
import { conversationRows } from './conversation-rows.ts';
import {
  hasMessageMatching,
  indexForSearch,
  type MessageMatch,
  messageSearchQuery,
  newestMatches,
} from './message-search.ts';

/** A listed conversation; `match` is the newest message matching the search, when its text matched. */
export type ConversationListItem = ConversationView & { match: MessageMatch | null };

/** `me`: the asking user; `none`: nobody assigned; otherwise a user's id. */
export type AssigneeFilter = 'me' | 'none' | (string & {});

const assignedTo = (actor: Actor, filter: AssigneeFilter): SQL =>
  filter === 'none'
    ? isNull(conversations.assigneeId)
    : eq(conversations.assigneeId, filter === 'me' ? actor.id : filter);

/** What the conversation list is narrowed and paged by. */
export interface ConversationListInput {
  search?: string | null;
  status?: ConversationStatus | 'all' | null;
  assigneeId?: AssigneeFilter | null;
  limit: number;
  offset?: number;
}

/**
 * The conversations within `scope` (the accounts the asker may see, or one): unread first, then newest
 * first; `search` matches the contact's name or phone, or the text of any of the conversation's messages
 * (then `match` shows the newest such message).
 */
export function listConversations(
  db: Db,
  actor: Actor,
  scope: SQL[],
  input: ConversationListInput,
): { items: ConversationListItem[]; nextOffset: number | null } {
  const conditions = [...scope];
  if (input.status && input.status !== 'all') conditions.push(eq(conversations.status, input.status));
  if (input.assigneeId) conditions.push(assignedTo(actor, input.assigneeId));
  const textQuery = messageSearchQuery(input.search);
  if (textQuery) indexForSearch(db);
  const search = or(contactSearch(input.search), textQuery ? hasMessageMatching(textQuery) : undefined);
  if (search) conditions.push(search);
  const offset = input.offset ?? 0;
  const rows = conversationRows(db, and(...conditions), input.limit + 1, offset);
  const page = rows.slice(0, input.limit);
  const matches = textQuery
    ? newestMatches(
        db,
        textQuery,
        page.map((c) => c.id),
      )
    : undefined;
  const items = page.map((c) => ({ ...c, match: matches?.get(c.id) ?? null }));
  return { items, nextOffset: rows.length > input.limit ? offset + input.limit : null };
}
