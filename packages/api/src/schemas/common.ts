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

/**
 * A subscription to the visible sessions' events, or one session's; tRPC passes `lastEventId` on resume. A
 * list's `streamFrom` can be passed as `lastEventId` too: what happened after that read comes first.
 */
export const streamInput = z
  .object({
    sessionId: sessionId.optional(),
    lastEventId: z.string().max(100).nullish(),
    reportGaps: z
      .boolean()
      .optional()
      .describe(
        'When `lastEventId` is too old to resume from, say so with a `{ type: "gap" }` event (read the list again) instead of going on silently',
      ),
  })
  .optional();

/** Told (to a subscriber that asked with `reportGaps`) when what happened since its `lastEventId` is no longer known. */
export const streamGap = z.object({ type: z.literal('gap') });

/** A read the live stream can resume from: `streamFrom` is the `lastEventId` to subscribe with. */
export const streamFrom = z
  .string()
  .describe('Pass as `lastEventId` to the live subscription: it first replays what changed after this read');

/** What every bus event carries. */
export const eventBase = { id: z.string(), sessionId: z.string(), ownerId: z.string(), at: z.number() };

/** A sentence as a stable code with its values (see `CODED_REASONS`). */
export const coded = codedSchema;
