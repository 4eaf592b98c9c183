import { streamChannel } from '../live.ts';
import { rest } from '../rest/meta.ts';
import { noInput, streamInput } from '../schemas/common.ts';
import {
  defaultSender,
  defaultSenderInput,
  idempotencyHeader,
  message,
  messageIdInput,
  messageListInput,
  messagePage,
  messageSendInput,
  messageStreamEvent,
} from '../schemas/messages.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const messagesRouter = router({
  /**
   * Stores the message (`queued`) and sends it from the named session, the session with the `from` number, or
   * the user's default. With an idempotency key, a repeat within 24 h returns the first message, unsent again.
   */
  send: protectedProcedure
    .meta(
      rest('POST', '/messages', {
        tag: 'Messages',
        summary: 'Send a message: text, a file or a place',
        description:
          'Name the sender by `sessionId`, or by `from` (the sending account’s phone number), or leave both out to send from your default session. A file is an upload of this session’s (`media.id`, from `POST /media`) or an http(s) URL the server fetches now (`media.url`): a URL that cannot be fetched, or a file too large or of the wrong format for its `type`, is refused and nothing is stored. The answer is the stored message (`queued`); follow its status with `GET /messages/{id}`, `messages.onUpdate` or the `message.sent` / `message.status` webhooks. Send an `Idempotency-Key` header to make retries safe: the same key within 24 hours returns the first message and sends nothing again (nor fetches its URL again).',
        errors: [404, 408, 409, 412, 413, 415, 502],
        headers: idempotencyHeader,
      }),
    )
    .input(messageSendInput)
    .output(message)
    .mutation(({ ctx, input }) => ctx.services.messages.send(ctx.actor, input)),

  /** Newest first; pass `nextCursor` back as `cursor` for the next page. */
  list: protectedProcedure
    .meta(
      rest('GET', '/sessions/{sessionId}/messages', {
        tag: 'Messages',
        summary: "A session's messages, newest first",
        description: 'Pass `nextCursor` back as `cursor` for the next (older) page.',
      }),
    )
    .input(messageListInput)
    .output(messagePage)
    .query(({ ctx, input }) => ctx.services.messages.list(ctx.actor, input)),

  byId: protectedProcedure
    .meta(rest('GET', '/messages/{id}', { tag: 'Messages', summary: 'Get a message, with its status' }))
    .input(messageIdInput)
    .output(message)
    .query(({ ctx, input }) => ctx.services.messages.get(ctx.actor, input.id)),

  /** The session the user's sends go from when they name none (null: not chosen). */
  defaultSender: protectedProcedure
    .meta(rest('GET', '/default-sender', { tag: 'Messages', summary: 'Your default session for sending' }))
    .input(noInput)
    .output(defaultSender)
    .query(({ ctx }) => ({ sessionId: ctx.services.messages.senders.defaultFor(ctx.actor) })),

  setDefaultSender: protectedProcedure
    .meta(
      rest('PUT', '/default-sender', {
        tag: 'Messages',
        summary: 'Choose your default session for sending',
        description: 'Sends that name no sender go from it. `null` clears the choice.',
      }),
    )
    .input(defaultSenderInput)
    .output(defaultSender)
    .mutation(({ ctx, input }) => ({
      sessionId: ctx.services.messages.senders.setDefault(ctx.actor, input.sessionId),
    })),

  /** Every new or changed message (sent, acked, received) of the visible sessions, or of one. */
  onUpdate: protectedProcedure.input(streamInput).subscription(({ ctx, input, signal }) =>
    streamChannel(ctx, {
      channel: 'message',
      scope: 'messages:read',
      schema: messageStreamEvent,
      gap: { type: 'gap' },
      ...input,
      signal,
    }),
  ),
});
