import {
  CONVERSATION_STATUSES,
  MAX_TAGS_PER_CONTACT,
  PERSON_NAME_MAX_LENGTH,
  TAG_MAX_LENGTH,
} from '@switchboard/validators';
import { z } from 'zod';
import { eventBase, offsetPage, pageInput, sessionId, streamFrom, streamGap } from './common.ts';

export const contact = z.object({
  id: z.string(),
  accountId: z.string(),
  phone: z
    .string()
    .describe(
      'Their number, or their LID (`…@lid`) while WhatsApp has not told the number; send replies here',
    ),
  lid: z.string().nullable().describe('Their WhatsApp privacy id (LID), when WhatsApp gave it'),
  name: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const conversationStatus = z.enum(CONVERSATION_STATUSES);

export const assignee = z.object({ id: z.string(), name: z.string() });

export const conversation = z.object({
  id: z.string(),
  accountId: z.string(),
  contact,
  status: conversationStatus,
  unreadCount: z.number(),
  assignee: assignee.nullable().describe('The user answering it, if someone was assigned'),
  lastMessageAt: z.number(),
  lastMessagePreview: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const conversationId = z.string().min(1).max(100);
const search = z.string().max(100).nullish();

export const conversationListInput = z
  .object({
    sessionId: sessionId.nullish(),
    search: search.describe("The contact's name or number, or words in any of the conversation's messages"),
    status: z
      .enum([...CONVERSATION_STATUSES, 'all'])
      .nullish()
      .describe('Default: all'),
    assigneeId: z
      .string()
      .min(1)
      .max(100)
      .nullish()
      .describe('`me` (assigned to you), `none` (to nobody) or a user id'),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .default({ limit: 50, offset: 0 });

export const conversationListItem = conversation.extend({
  match: z
    .object({
      messageId: z.string(),
      text: z.string().describe('Words around the match, `…` where the message goes on'),
    })
    .nullable()
    .describe(
      'The newest message whose text matched `search` (null when the name or number did, or no search)',
    ),
});

export const conversationPage = offsetPage(conversationListItem).extend({ streamFrom });

export const conversationAssignInput = z.object({
  id: conversationId,
  userId: z.string().min(1).max(100).nullable().describe('null: assigned to nobody'),
});

export const assigneeList = z.array(assignee);

export const unreadCountInput = z.object({ sessionId: sessionId.nullish() }).default({});

export const unreadCount = z.object({
  conversations: z.number().describe('Conversations with unread messages'),
  messages: z.number().describe('Unread messages in them'),
});

export const conversationMessagesInput = z.object({ conversationId, ...pageInput });

export const conversationIdInput = z.object({ id: conversationId });

export const conversationResolveInput = z.object({ id: conversationId, resolved: z.boolean().default(true) });

export const conversationEvent = z.object({
  ...eventBase,
  type: z.literal('conversation'),
  conversation,
  absorbed: z
    .string()
    .nullable()
    .describe(
      'A conversation merged into this one (the same person, once known by number and LID): gone now',
    ),
});

export const contactListInput = z
  .object({
    sessionId: sessionId.nullish(),
    search,
    tag: z.string().max(100).nullish().describe('Only contacts carrying this tag'),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .default({ limit: 100, offset: 0 });

export const contactPage = offsetPage(
  contact.extend({
    conversationId: z
      .string()
      .nullable()
      .describe("The contact's inbox conversation (null before any message)"),
  }),
);

export const contactUpdateInput = z.object({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(PERSON_NAME_MAX_LENGTH).nullable(),
});

export const contactTagsInput = z.object({
  id: z.string().min(1).max(100),
  tags: z.array(z.string().max(TAG_MAX_LENGTH * 2)).max(MAX_TAGS_PER_CONTACT * 2),
});

export const tagCounts = z.array(z.object({ tag: z.string(), contacts: z.number() }));

export const tagListInput = z.object({ sessionId: sessionId.nullish() }).default({});

/** What `conversations.onUpdate` sends: a conversation's change, or (asked for with `reportGaps`) a gap. */
export const conversationStreamEvent = z.discriminatedUnion('type', [conversationEvent, streamGap]);
