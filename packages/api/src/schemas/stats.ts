import { isValidTimeZone, STATS_DEFAULT_DAYS, STATS_MAX_DAYS } from '@switchboard/validators';
import { z } from 'zod';
import { coded, sessionId } from './common.ts';
import { sessionStats, sessionStatus } from './sessions.ts';

/** One account's figures, or (without `sessionId`) those of every account the caller sees. */
const oneOrAll = {
  sessionId: sessionId.nullish().describe('One account; all visible accounts when left out'),
};

export const statsSessionsInput = z.object(oneOrAll).optional();

export const statsSessions = sessionStats.extend({
  limited: z.number().describe("Accounts under WhatsApp's reach-out limit now (they keep their status)"),
});

export const statsMessagesInput = z
  .object({
    ...oneOrAll,
    days: z
      .number()
      .int(`Days must be a whole number from 1 to ${STATS_MAX_DAYS}`)
      .min(1, `Days must be a whole number from 1 to ${STATS_MAX_DAYS}`)
      .max(STATS_MAX_DAYS, `Days must be a whole number from 1 to ${STATS_MAX_DAYS}`)
      .default(STATS_DEFAULT_DAYS)
      .describe(`How many days back, today included (default ${STATS_DEFAULT_DAYS})`),
    timeZone: z
      .string()
      .max(64)
      .refine(isValidTimeZone, 'Unknown time zone: use an IANA name like Europe/Berlin')
      .default('UTC')
      .describe('The IANA time zone whose calendar days the counts follow (default UTC)'),
  })
  .optional();

const counts = {
  sent: z.number().describe('Outgoing messages handed to WhatsApp (sent, delivered, read or played)'),
  delivered: z.number().describe('Delivered to the phone, read or played'),
  read: z.number().describe('Read (or played)'),
  failed: z.number().describe('Refused before reaching WhatsApp'),
  unknown: z.number().describe('The send failed after the hand-off: it may have arrived'),
  received: z.number().describe('Incoming messages'),
};

export const statsMessages = z.object({
  timeZone: z.string(),
  days: z.array(z.object({ date: z.string().describe('Local date, YYYY-MM-DD'), ...counts })),
  totals: z.object(counts),
  deliveryRate: z
    .number()
    .nullable()
    .describe('delivered ÷ sent over the period; null when nothing was sent'),
  readRate: z.number().nullable().describe('read ÷ sent over the period; null when nothing was sent'),
});

export const attentionItem = z.object({
  sessionId: z.string(),
  name: z.string(),
  status: sessionStatus,
  phone: z.string().nullable(),
  kind: z.enum(['failed', 'logged_out', 'stuck', 'limited']),
  reason: z.string(),
  reasonCoded: coded.unwrap(),
  since: z.number().describe("When the session's status last changed"),
  until: z.number().nullable().describe('For `limited`: when WhatsApp said the limit ends, if it did'),
});

export const failingWebhook = z.object({
  id: z.string(),
  accountId: z.string().nullable(),
  url: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  consecutiveFailures: z.number(),
  lastSuccessAt: z.number().nullable(),
  pending: z.number().describe('Deliveries waiting to be sent or retried'),
  lastError: z.string().nullable(),
  lastFailureAt: z.number().nullable(),
});
