import { streamChannel } from '../live.ts';
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
    .input(conversationListInput)
    .output(conversationPage)
    .query(({ ctx, input }) => ctx.services.inbox.list(ctx.actor, input)),

  /** Newest first; pass `nextCursor` back as `cursor`. */
  messages: protectedProcedure
    .input(conversationMessagesInput)
    .output(messagePage)
    .query(({ ctx, input }) => ctx.services.inbox.messages(ctx.actor, input)),

  markRead: protectedProcedure
    .input(conversationIdInput)
    .output(conversation)
    .mutation(({ ctx, input }) => ctx.services.inbox.markRead(ctx.actor, input.id)),

  /** `resolved: false` reopens it. A new incoming message reopens it as well. */
  resolve: protectedProcedure
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
