import { SESSION_HISTORY_TYPES } from '@switchboard/validators';
import { z } from 'zod';
import { coded, sessionId } from './common.ts';
import { sessionStatus } from './sessions.ts';

export const historyType = z.enum(SESSION_HISTORY_TYPES);

export const historyEntry = z.object({
  id: z.string().describe('Orders entries; pass the last one seen as `cursor`, or to resume a stream'),
  sessionId: z.string(),
  ownerId: z.string(),
  type: historyType.describe(
    '`status` (with `status` and its reason in `detail`: scans, drops, failures), `qr`, `pairing_code`, `limited`, `limit_lifted`, `send_failed`, `transferred`',
  ),
  status: sessionStatus.nullable().describe('The status it went to, for `status` entries'),
  detail: z
    .string()
    .nullable()
    .describe("The reason, the limit's wording, a failed send's recipient and error"),
  detailCoded: coded,
  at: z.number(),
});

const types = z
  .union([historyType, z.array(historyType).min(1).max(SESSION_HISTORY_TYPES.length)])
  .nullish()
  .describe('Only entries of this type, or of these types');

const page = {
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(20).nullish(),
};

export const historyInput = z.object({ id: sessionId, types, ...page });

export const eventsInput = z
  .object({ sessionId: sessionId.nullish(), types, ...page })
  .default({ limit: 50 });

export const historyPage = z.object({ items: z.array(historyEntry), nextCursor: z.string().nullable() });

export const historyStreamInput = z
  .object({ sessionId: sessionId.nullish(), types, lastEventId: z.string().max(20).nullish() })
  .optional();
