import { on } from 'node:events';
import { type ConversationEvent, canSee } from '@switchboard/core';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { check, currentActor } from '../live.ts';
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
    .subscription(async function* ({ ctx, input, signal }) {
      const { sessions, bus } = ctx.services;
      const sessionId = input?.sessionId;
      if (sessionId) check(() => sessions.visibleOwner(ctx.actor, sessionId));
      const wanted = (e: ConversationEvent) =>
        (!sessionId || e.sessionId === sessionId) && canSee(currentActor(ctx), e.ownerId);

      const live = on(bus, 'conversation', { signal });
      const missed = input?.lastEventId ? (bus.since(input.lastEventId) ?? []) : [];
      for (const event of missed) {
        if (event.type === 'conversation' && wanted(event))
          yield tracked(event.id, conversationEvent.parse(event));
      }
      for await (const [event] of live as AsyncIterableIterator<[ConversationEvent]>) {
        if (wanted(event)) yield tracked(event.id, conversationEvent.parse(event));
      }
    }),
});
