import { codedSchema } from '@switchboard/core';
import { SESSION_ID_PATTERN } from '@switchboard/validators';
import { z } from 'zod';

/** Shapes every domain uses. The wire shapes are described here once, so REST/OpenAPI can follow them. */

export const sessionId = z
  .string()
  .regex(
    SESSION_ID_PATTERN,
    'Session id must be 1-64 lowercase letters, digits, "-" or "_", starting with a letter or digit',
  );

export const ok = z.object({ ok: z.literal(true) });

/** For procedures that take nothing: no input at all, or `{}` (what plain HTTP clients tend to send). */
export const noInput = z.object({}).strict().optional();

/** Free-form phone input; the services normalise it and say precisely what is wrong. */
export const phoneInput = z.string().min(1, 'Phone number is required').max(40, 'Phone number is too long');

/** Newest-first cursor paging: pass `nextCursor` back as `cursor` for the next (older) page. */
export const pageInput = {
  // A message can be 64 KiB: a page of 100 is already a few megabytes at worst.
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.string().max(100).nullish(),
};

/** Offset paging for lists sorted by something other than time. */
export const offsetPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextOffset: z.number().nullable() });

/** A subscription to the visible sessions' events, or one session's; tRPC passes `lastEventId` on resume. */
export const streamInput = z
  .object({ sessionId: sessionId.optional(), lastEventId: z.string().nullish() })
  .optional();

/** What every bus event carries. */
export const eventBase = { id: z.string(), sessionId: z.string(), ownerId: z.string(), at: z.number() };

/** A sentence as a stable code with its values (see `CODED_REASONS`). */
export const coded = codedSchema;
