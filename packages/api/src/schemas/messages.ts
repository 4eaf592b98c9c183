import { messageView } from '@switchboard/core';
import { MESSAGE_TEXT_CEILING, MESSAGE_TYPES } from '@switchboard/validators';
import { z } from 'zod';
import { eventBase, pageInput, phoneInput, sessionId } from './common.ts';

export const message = messageView;

export const messagePage = z.object({ items: z.array(message), nextCursor: z.string().nullable() });

/** Bounds that keep parsing cheap; the service applies the real limits and says which one was passed. */
const bounded = (what: string) =>
  z.string().max(MESSAGE_TEXT_CEILING, `${what} must be at most ${MESSAGE_TEXT_CEILING} characters`);

export const messageSendInput = z.object({
  sessionId: sessionId.nullish().describe('The account to send from (or name a pool)'),
  poolId: z
    .string()
    .min(1)
    .max(100)
    .nullish()
    .describe('A pool to send from: its account the number heard from before, else the least busy'),
  to: phoneInput.describe(
    'A phone number with country code, or the LID (`…@lid`) of a contact WhatsApp names only by it',
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
});

export const messageListInput = z.object({ sessionId, ...pageInput });

export const messageEvent = z.object({ ...eventBase, type: z.literal('message'), message });
