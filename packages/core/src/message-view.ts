import type { Message } from '@switchboard/db';
import { MESSAGE_DIRECTIONS, MESSAGE_STATUSES, MESSAGE_TYPES } from '@switchboard/validators';
import { z } from 'zod';
import { codedSchema } from './coded-schema.ts';

/**
 * How a message looks outside the server — in the API, in live events and (with its webhook envelope) in
 * webhook payloads: one shape saying each message's type, its file and its place.
 */

export const messageMedia = z.object({
  id: z.string().nullable().describe('The stored file, while Switchboard keeps it'),
  mimetype: z.string().nullable().describe("What the file's bytes are"),
  size: z.number().nullable().describe('Bytes'),
  filename: z.string().nullable(),
  sha256: z.string().nullable().describe("Hex SHA-256 of the file's bytes, while it is stored"),
  url: z
    .string()
    .nullable()
    .describe(
      'Where to GET the file: in the API, /api/v1/media/{id} (signed in); in webhooks, a signed link that needs no sign-in',
    ),
  urlExpiresAt: z.string().nullable().describe('ISO 8601, when a signed link stops working'),
  missing: z.string().nullable().describe('Why the file is not (or no longer) stored'),
});
export type MessageMediaView = z.infer<typeof messageMedia>;

export const messageLocation = z.object({
  latitude: z.number(),
  longitude: z.number(),
  name: z.string().nullable(),
  address: z.string().nullable(),
});

export const messageView = z.object({
  id: z.string(),
  accountId: z.string(),
  direction: z.enum(MESSAGE_DIRECTIONS),
  type: z.enum(MESSAGE_TYPES),
  peer: z
    .string()
    .describe('The other side: their number, or their LID (`…@lid`) when WhatsApp does not tell it'),
  peerName: z.string().nullable(),
  body: z.string().describe('The text, or a file’s caption'),
  status: z.enum(MESSAGE_STATUSES),
  externalId: z.string().nullable(),
  error: z.string().nullable(),
  errorCoded: codedSchema,
  conversationId: z.string().nullable(),
  media: messageMedia.nullable(),
  location: messageLocation.nullable(),
  groupId: z.string().nullable().describe('Group chat id when the message was posted in a group'),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type MessageView = z.infer<typeof messageView>;

/** Where a stored file is read with a sign-in (relative to the server's address). */
export const mediaPath = (mediaId: string) => `/api/v1/media/${encodeURIComponent(mediaId)}`;

/** A link to a stored file: the signed-in path, or (for webhooks) a signed link with its expiry. */
export type MediaLinker = (mediaId: string) => { url: string; expiresAt: number | null };

const signedInLink: MediaLinker = (mediaId) => ({ url: mediaPath(mediaId), expiresAt: null });

/** A message's file as it is shown: its description, and a link while the file is stored. */
export function mediaOf(row: Message, link: MediaLinker = signedInLink): MessageMediaView | null {
  if (!row.media) return null;
  const linked = row.mediaId ? link(row.mediaId) : null;
  return {
    id: row.mediaId,
    mimetype: row.media.mimetype,
    size: row.media.size,
    filename: row.media.filename,
    sha256: row.mediaId ? row.media.sha256 : null,
    url: linked?.url ?? null,
    urlExpiresAt: linked?.expiresAt ? new Date(linked.expiresAt).toISOString() : null,
    missing: row.mediaId ? null : (row.media.missing ?? 'The file is not stored'),
  };
}

export const toMessageView = (row: Message): MessageView => ({
  id: row.id,
  accountId: row.accountId,
  direction: row.direction,
  type: row.type,
  peer: row.peer,
  peerName: row.peerName,
  body: row.body,
  status: row.status,
  externalId: row.externalId,
  error: row.error,
  errorCoded: row.errorCoded,
  conversationId: row.conversationId,
  media: mediaOf(row),
  location: row.location ?? null,
  groupId: row.groupId,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
