import { z } from 'zod';
import { streamChannel } from '../live.ts';
import {
  conversation,
  conversationEvent,
  conversationStatus,
  messagePage,
  pageInput,
  sessionId,
} from '../schemas.ts';
import { protectedProcedure, router } from '../trpc.ts';

const conversationId = z.string().min(1).max(100);

export const conversationsRouter = router({
  /** Unread first, then newest first; per account or across every visible one; `search` by name or phone. */
  list: protectedProcedure
    .input(
      z
        .object({
          sessionId: sessionId.nullish(),
          search: z.string().max(100).nullish(),
          status: conversationStatus.nullish(),
          limit: z.number().int().min(1).max(200).default(50),
          offset: z.number().int().min(0).default(0),
        })
        .default({ limit: 50, offset: 0 }),
    )
    .output(z.object({ items: z.array(conversation), nextOffset: z.number().nullable() }))
    .query(({ ctx, input }) => ctx.services.inbox.list(ctx.actor, input)),

  /** Newest first; pass `nextCursor` back as `cursor`. */
  messages: protectedProcedure
    .input(
      z.object({
        conversationId,
        ...pageInput,
      }),
    )
    .output(messagePage)
    .query(({ ctx, input }) => ctx.services.inbox.messages(ctx.actor, input)),

  markRead: protectedProcedure
    .input(z.object({ id: conversationId }))
    .output(conversation)
    .mutation(({ ctx, input }) => ctx.services.inbox.markRead(ctx.actor, input.id)),

  /** `resolved: false` reopens it. A new incoming message reopens it as well. */
  resolve: protectedProcedure
    .input(z.object({ id: conversationId, resolved: z.boolean().default(true) }))
    .output(conversation)
    .mutation(({ ctx, input }) => ctx.services.inbox.resolve(ctx.actor, input.id, input.resolved)),

  /** New and changed conversations of the visible accounts (or of one); ids are resumable. */
  onUpdate: protectedProcedure
    .input(z.object({ sessionId: sessionId.optional(), lastEventId: z.string().nullish() }).optional())
    .subscription(({ ctx, input, signal }) =>
      streamChannel(ctx, 'conversation', conversationEvent, input, signal),
    ),
});
