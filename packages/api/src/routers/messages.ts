import { z } from 'zod';
import { streamChannel } from '../live.ts';
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
    .subscription(({ ctx, input, signal }) => streamChannel(ctx, 'message', messageEvent, input, signal)),
});
