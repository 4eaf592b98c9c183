import { MEDIA_ORIGINS, MEDIA_TYPES } from '@switchboard/validators';
import { z } from 'zod';
import { sessionId } from './common.ts';

export const mediaId = z.string().regex(/^[\w-]{1,100}$/, 'Media id looks like med_…');

export const mediaView = z.object({
  id: z.string(),
  accountId: z.string(),
  mimetype: z.string().describe("What the file's bytes are"),
  size: z.number().describe('Bytes'),
  sha256: z.string().describe("Hex SHA-256 of the file's bytes"),
  filename: z.string().nullable(),
  origin: z.enum(MEDIA_ORIGINS),
  createdAt: z.number(),
  url: z.string().describe('Where to GET the file, signed in (relative to the server)'),
});

export const mediaFetchInput = z.object({
  sessionId,
  url: z.string().min(1).max(2048),
  type: z.enum(MEDIA_TYPES).optional().describe('Checked against the file: its format and size cap'),
  filename: z.string().max(1000).optional(),
});

/** The largest file, in bytes, each type may be on this server. */
export const mediaLimits = z.object({
  image: z.number(),
  video: z.number(),
  audio: z.number(),
  voice: z.number(),
  document: z.number(),
  sticker: z.number(),
});
