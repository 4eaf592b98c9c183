import { streamChannel } from '../live.ts';
import { streamInput } from '../schemas/common.ts';
import {
  message,
  messageEvent,
  messageListInput,
  messagePage,
  messageSendInput,
} from '../schemas/messages.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const messagesRouter = router({
  send: protectedProcedure
    .input(messageSendInput)
    .output(message)
    .mutation(({ ctx, input }) => ctx.services.messages.send(ctx.actor, input)),

  /** Newest first; pass `nextCursor` back as `cursor` for the next page. */
  list: protectedProcedure
    .input(messageListInput)
    .output(messagePage)
    .query(({ ctx, input }) => ctx.services.messages.list(ctx.actor, input)),

  /** Every new or changed message (sent, acked, received) of the visible sessions, or of one. */
  onUpdate: protectedProcedure.input(streamInput).subscription(({ ctx, input, signal }) =>
    streamChannel(ctx, {
      channel: 'message',
      scope: 'messages:read',
      schema: messageEvent,
      ...input,
      signal,
    }),
  ),
});
