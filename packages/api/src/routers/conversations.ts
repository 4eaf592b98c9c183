import { streamChannel } from '../live.ts';
import { rest } from '../rest/meta.ts';
import { streamInput } from '../schemas/common.ts';
import {
  conversation,
  conversationEvent,
  conversationIdInput,
  conversationListInput,
  conversationMessagesInput,
  conversationPage,
  conversationResolveInput,
} from '../schemas/inbox.ts';
import { messagePage } from '../schemas/messages.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const conversationsRouter = router({
  /** Unread first, then newest first; per account or across every visible one; `search` by name or phone. */
  list: protectedProcedure
    .meta(
      rest('GET', '/conversations', {
        tag: 'Conversations',
        summary: 'List conversations',
        description:
          'Unread first, then newest first; per session (`sessionId`) or across all you can see; `search` by name or phone.',
      }),
    )
    .input(conversationListInput)
    .output(conversationPage)
    .query(({ ctx, input }) => ctx.services.inbox.list(ctx.actor, input)),

  /** Newest first; pass `nextCursor` back as `cursor`. */
  messages: protectedProcedure
    .meta(
      rest('GET', '/conversations/{conversationId}/messages', {
        tag: 'Conversations',
        summary: "A conversation's messages, newest first",
      }),
    )
    .input(conversationMessagesInput)
    .output(messagePage)
    .query(({ ctx, input }) => ctx.services.inbox.messages(ctx.actor, input)),

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

  /** New and changed conversations of the visible accounts (or of one); ids are resumable. */
  onUpdate: protectedProcedure.input(streamInput).subscription(({ ctx, input, signal }) =>
    streamChannel(ctx, {
      channel: 'conversation',
      scope: 'inbox:read',
      schema: conversationEvent,
      ...input,
      signal,
    }),
  ),
});
