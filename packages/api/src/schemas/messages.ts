import { messageMedia } from '@switchboard/core';
import { MESSAGE_DIRECTIONS, MESSAGE_STATUSES, MESSAGE_TEXT_CEILING } from '@switchboard/validators';
import { z } from 'zod';
import { eventBase, pageInput, phoneInput, sessionId } from './common.ts';

export const message = z.object({
  id: z.string(),
  accountId: z.string(),
  direction: z.enum(MESSAGE_DIRECTIONS),
  peer: z
    .string()
    .describe('The other side: their number, or their LID (`…@lid`) when WhatsApp does not tell it'),
  peerName: z.string().nullable(),
  body: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  externalId: z.string().nullable(),
  error: z.string().nullable(),
  conversationId: z.string().nullable(),
  media: messageMedia.nullable(),
  groupId: z.string().nullable().describe('Group chat id when the message was posted in a group'),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const messagePage = z.object({ items: z.array(message), nextCursor: z.string().nullable() });

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
  text: z
    .string()
    .max(MESSAGE_TEXT_CEILING, `Message text must be at most ${MESSAGE_TEXT_CEILING} characters`),
});

export const messageListInput = z.object({ sessionId, ...pageInput });

export const messageEvent = z.object({ ...eventBase, type: z.literal('message'), message });
