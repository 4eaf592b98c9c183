import { streamChannel } from '../live.ts';
import { rest } from '../rest/meta.ts';
import { streamInput } from '../schemas/common.ts';
import {
  assigneeList,
  conversation,
  conversationAssignInput,
  conversationIdInput,
  conversationListInput,
  conversationMessagesInput,
  conversationPage,
  conversationResolveInput,
  conversationStreamEvent,
  unreadCount,
  unreadCountInput,
} from '../schemas/inbox.ts';
import { threadPage } from '../schemas/messages.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const conversationsRouter = router({
  /**
   * Unread first, then newest first; per account or across every visible one; `search` by name, phone or
   * message text; filtered by `status` and `assigneeId`.
   */
  list: protectedProcedure
    .meta(
      rest('GET', '/conversations', {
        tag: 'Conversations',
        summary: 'List conversations',
        description:
          'Unread first, then newest first; per session (`sessionId`) or across all you can see; `search` by name, phone or the words of any message (`match` shows the newest matching message); `status` `open`, `resolved` or `all`; `assigneeId` `me`, `none` or a user id.',
      }),
    )
    .input(conversationListInput)
    .output(conversationPage)
    .query(({ ctx, input }) => {
      const streamFrom = ctx.services.bus.readFrom('conversation');
      return { ...ctx.services.inbox.list(ctx.actor, input), streamFrom };
    }),

  /** The unread badge: conversations with unread messages, and how many. Declared before `byId`: REST tries paths in order. */
  unreadCount: protectedProcedure
    .meta(
      rest('GET', '/conversations/unread', {
        tag: 'Conversations',
        summary: 'Count unread conversations and messages',
        description: 'Across all sessions you can see, or one (`sessionId`).',
      }),
    )
    .input(unreadCountInput)
    .output(unreadCount)
    .query(({ ctx, input }) => ctx.services.inbox.unreadCount(ctx.actor, input)),

  /** One conversation, whatever list filter it left. */
  byId: protectedProcedure
    .meta(rest('GET', '/conversations/{id}', { tag: 'Conversations', summary: 'Get a conversation' }))
    .input(conversationIdInput)
    .output(conversation)
    .query(({ ctx, input }) => ctx.services.inbox.get(ctx.actor, input.id)),

  /** Newest first; pass `nextCursor` back as `cursor`. */
  messages: protectedProcedure
    .meta(
      rest('GET', '/conversations/{conversationId}/messages', {
        tag: 'Conversations',
        summary: "A conversation's messages, newest first",
      }),
    )
    .input(conversationMessagesInput)
    .output(threadPage)
    .query(({ ctx, input }) => {
      const streamFrom = ctx.services.bus.readFrom('message');
      return { ...ctx.services.inbox.messages(ctx.actor, input), streamFrom };
    }),

  markRead: protectedProcedure
    .meta(
      rest('POST', '/conversations/{id}/read', { tag: 'Conversations', summary: 'Mark a conversation read' }),
    )
    .input(conversationIdInput)
    .output(conversation)
    .mutation(({ ctx, input }) => ctx.services.inbox.markRead(ctx.actor, input.id)),

  /** `resolved: false` reopens it. A new incoming message reopens it as well. */
  resolve: protectedProcedure
    .meta(
      rest('POST', '/conversations/{id}/resolve', {
        tag: 'Conversations',
        summary: 'Resolve (or with `resolved: false`, reopen) a conversation',
      }),
    )
    .input(conversationResolveInput)
    .output(conversation)
    .mutation(({ ctx, input }) => ctx.services.inbox.resolve(ctx.actor, input.id, input.resolved)),

  /** `userId: null` unassigns. Only users who may see the conversation's account can be assigned. */
  assign: protectedProcedure
    .meta(
      rest('POST', '/conversations/{id}/assign', {
        tag: 'Conversations',
        summary: 'Assign a conversation to a user (`userId: null`: to nobody)',
        description:
          'The user must be able to see the session (its owner or an admin); anyone else is refused with 400.',
      }),
    )
    .input(conversationAssignInput)
    .output(conversation)
    .mutation(({ ctx, input }) => ctx.services.inbox.assign(ctx.actor, input.id, input.userId)),

  /** Who the conversation may be assigned to: the users who may see its account. */
  assignees: protectedProcedure
    .meta(
      rest('GET', '/conversations/{id}/assignees', {
        tag: 'Conversations',
        summary: 'Who a conversation may be assigned to',
      }),
    )
    .input(conversationIdInput)
    .output(assigneeList)
    .query(({ ctx, input }) => ctx.services.inbox.assignees(ctx.actor, input.id)),

  /**
   * New and changed conversations of the visible accounts (or of one); ids are resumable, and so is a list's
   * `streamFrom`.
   */
  onUpdate: protectedProcedure.input(streamInput).subscription(({ ctx, input, signal }) =>
    streamChannel(ctx, {
      channel: 'conversation',
      scope: 'inbox:read',
      schema: conversationStreamEvent,
      gap: { type: 'gap' },
      ...input,
      signal,
    }),
  ),
});
