import { on } from 'node:events';
import { canSee, type MessageEvent } from '@switchboard/core';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { check, currentActor } from '../live.ts';
import { message, messageEvent, messagePage, pageInput, phoneInput, sessionId } from '../schemas.ts';
import { protectedProcedure, router } from '../trpc.ts';

/** A hard ceiling before the configurable limit: nothing larger is even parsed into a message. */
const TEXT_CEILING = 65_536;

export const messagesRouter = router({
  send: protectedProcedure
    .input(
      z.object({
        sessionId,
        to: phoneInput,
        text: z.string().max(TEXT_CEILING, `Message text must be at most ${TEXT_CEILING} characters`),
      }),
    )
    .output(message)
    .mutation(({ ctx, input }) => ctx.services.messages.send(ctx.actor, input)),

  /** Newest first; pass `nextCursor` back as `cursor` for the next page. */
  list: protectedProcedure
    .input(
      z.object({
        sessionId,
        ...pageInput,
      }),
    )
    .output(messagePage)
    .query(({ ctx, input }) => ctx.services.messages.list(ctx.actor, input)),

  /** Every new or changed message (sent, acked, received) of the visible sessions, or of one. */
  onUpdate: protectedProcedure
    .input(z.object({ sessionId: sessionId.optional(), lastEventId: z.string().nullish() }).optional())
    .subscription(async function* ({ ctx, input, signal }) {
      const { sessions, bus } = ctx.services;
      const sessionId = input?.sessionId;
      if (sessionId) check(() => sessions.visibleOwner(ctx.actor, sessionId));
      const wanted = (e: MessageEvent) =>
        (!sessionId || e.sessionId === sessionId) && canSee(currentActor(ctx), e.ownerId);

      const live = on(bus, 'message', { signal });
      const missed = input?.lastEventId ? (bus.since(input.lastEventId) ?? []) : [];
      for (const event of missed) {
        if (event.type === 'message' && wanted(event)) yield tracked(event.id, messageEvent.parse(event));
      }
      for await (const [event] of live as AsyncIterableIterator<[MessageEvent]>) {
        if (wanted(event)) yield tracked(event.id, messageEvent.parse(event));
      }
    }),
});
