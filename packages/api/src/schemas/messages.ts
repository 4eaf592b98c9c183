import { messageView } from '@switchboard/core';
import { IDEMPOTENCY_KEY_SHAPE, MESSAGE_TEXT_CEILING, MESSAGE_TYPES } from '@switchboard/validators';
import { z } from 'zod';
import { eventBase, pageInput, phoneInput, sessionId, streamFrom, streamGap } from './common.ts';

export const message = messageView.meta({
  id: 'Message',
  example: {
    id: '0b6f3c5e-2f1a-4c8e-9d0a-6a1f3e2b7c41',
    accountId: 'sales-1',
    direction: 'out',
    type: 'text',
    peer: '14155552671',
    peerName: null,
    body: 'Your order has shipped',
    status: 'delivered',
    externalId: 'true_14155552671@c.us_3EB0C767D26A1D8E',
    error: null,
    conversationId: '5d1e8a40-8c3b-4f0e-a1b2-9f8e7d6c5b4a',
    media: null,
    location: null,
    groupId: null,
    createdAt: 1767607200000,
    updatedAt: 1767607201200,
  },
});

export const messagePage = z.object({ items: z.array(message), nextCursor: z.string().nullable() });

/** A conversation's page of messages, with where its live stream (`messages.onUpdate`) resumes from. */
export const threadPage = messagePage.extend({ streamFrom });

export const idempotencyKey = z
  .string()
  .regex(
    IDEMPOTENCY_KEY_SHAPE,
    'Idempotency key must be 1-255 visible ASCII characters (no spaces), e.g. a UUID',
  )
  .describe(
    'Makes retries safe: the same key from the same user within 24 hours returns the first message and sends nothing',
  );

/** REST takes the idempotency key as a header, the way HTTP APIs usually do. */
export const idempotencyHeader = z.object({ 'Idempotency-Key': idempotencyKey.optional() });

/** Bounds that keep parsing cheap; the service applies the real limits and says which one was passed. */
const bounded = (what: string) =>
  z.string().max(MESSAGE_TEXT_CEILING, `${what} must be at most ${MESSAGE_TEXT_CEILING} characters`);

export const messageSendInput = z
  .object({
    sessionId: sessionId.optional().describe('The session to send from'),
    from: phoneInput.optional().describe("The sending session's phone number, instead of sessionId"),
    poolId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe(
        'A pool to send from, instead of a session: its account the number heard from before, else the least busy',
      ),
    to: phoneInput.describe(
      'The recipient: a phone number with country code (+4915112345678), or the LID (`…@lid`) of a contact WhatsApp names only by it',
    ),
    type: z.enum(MESSAGE_TYPES).optional().describe('What the message is; `text` when not given'),
    text: bounded('Message text').optional().describe('For `text` messages'),
    caption: bounded('The caption').optional().describe('For images, videos and documents'),
    media: z
      .object({
        id: z.string().max(100).optional().describe('A file uploaded for this session (POST /api/v1/media)'),
        url: z.string().max(2048).optional().describe('An http(s) URL the server fetches'),
      })
      .optional()
      .describe(
        'The file of an image, video, audio, voice, document or sticker message: one of `id` and `url`',
      ),
    filename: z.string().max(1000).optional().describe('The name a document is shown with'),
    location: z
      .object({
        latitude: z.number(),
        longitude: z.number(),
        name: z.string().max(1000).optional(),
        address: z.string().max(1000).optional(),
      })
      .optional()
      .describe('For `location` messages'),
    idempotencyKey: idempotencyKey.optional(),
  })
  .meta({
    description: 'Without sessionId, from and poolId, the message goes from your default session.',
    examples: [
      { sessionId: 'sales-1', to: '+14155552671', text: 'Your order has shipped' },
      { from: '+4915112345678', to: '+14155552671', text: 'See you at 10' },
      {
        sessionId: 'sales-1',
        to: '+14155552671',
        type: 'image',
        media: { id: 'med_3f9a2c' },
        caption: 'Your receipt',
      },
      {
        to: '+14155552671',
        type: 'document',
        media: { url: 'https://example.com/invoice-1042.pdf' },
        filename: 'Invoice 1042.pdf',
      },
    ],
  });

export const messageListInput = z.object({ sessionId, ...pageInput });

export const messageIdInput = z.object({ id: z.string().min(1).max(100) });

export const defaultSender = z.object({
  sessionId: z
    .string()
    .nullable()
    .describe('Sends that name no sender go from this session (null: none chosen)'),
});

export const defaultSenderInput = z.object({ sessionId: sessionId.nullable() });

export const messageEvent = z.object({ ...eventBase, type: z.literal('message'), message });

/** What `messages.onUpdate` sends: a message's change, or (asked for with `reportGaps`) a gap. */
export const messageStreamEvent = z.discriminatedUnion('type', [messageEvent, streamGap]);
