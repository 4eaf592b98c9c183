import { campaignCounts } from '@switchboard/core';
import {
  CAMPAIGN_NAME_MAX_LENGTH,
  CAMPAIGN_STATUSES,
  MAX_STOP_WORDS,
  MAX_VARIANTS,
  MEDIA_TYPES,
  MESSAGE_TEXT_CEILING,
  OPT_OUT_REPLY_MAX_LENGTH,
  PACING_LIMITS,
  PAUSE_REASONS,
  RECIPIENT_STATES,
  SESSION_STATUSES,
  STOP_WORD_MAX_LENGTH,
  TAG_MAX_LENGTH,
} from '@switchboard/validators';
import { z } from 'zod';
import { coded, phoneInput, sessionId } from './common.ts';
import { mediaId, mediaView } from './media.ts';

/** A campaign's or pool's id. */
export const entityId = z.string().min(1).max(100);
export const campaignIdInput = z.object({ id: entityId });

export const campaignStatus = z.enum(CAMPAIGN_STATUSES);
export const recipientState = z.enum(RECIPIENT_STATES);

export const sendingWindow = z.object({
  days: z.array(z.number().int().min(1).max(7)).max(7).describe('ISO weekdays: 1 is Monday, 7 Sunday'),
  start: z.string().max(5).describe('HH:MM, local time'),
  end: z.string().max(5).describe('HH:MM, local time (excluded); earlier than start runs past midnight'),
  timeZone: z.string().min(1).max(64).describe('IANA time zone, e.g. Europe/Berlin'),
});

export const pacing = z.object({
  minGapSeconds: z.number().min(0).max(PACING_LIMITS.gapSeconds).describe('Fractions allowed, e.g. 0.5'),
  maxGapSeconds: z.number().min(0).max(PACING_LIMITS.gapSeconds),
  batchSize: z.number().int().min(0).max(PACING_LIMITS.batchSize).describe('0: no batch pauses'),
  batchPauseMinutes: z.number().int().min(0).max(PACING_LIMITS.batchPauseMinutes),
  window: sendingWindow.nullable().describe('Sending hours; null sends at any time'),
  dailyCap: z.number().int().min(1).max(PACING_LIMITS.dailyCap).describe('Per account, all its campaigns'),
  warmup: z.boolean().describe('A lower daily cap for recently linked accounts'),
  newContactsPerDay: z.number().int().min(0).max(PACING_LIMITS.dailyCap),
  failureStreak: z.number().int().min(1).max(PACING_LIMITS.failureStreak),
});

const variant = z.string().max(MESSAGE_TEXT_CEILING);

const accountUse = z.object({
  sessionId: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  status: z.enum(SESSION_STATUSES),
  sentToday: z.number().describe('Campaign messages in the last 24 hours, all campaigns'),
  cap: z.number(),
  warmupCap: z.number().nullable(),
  newContactsToday: z.number(),
  newContactCap: z.number(),
  limitedUntil: z.number().nullable(),
});

export const campaign = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string(),
  sessionId: z.string().nullable(),
  poolId: z.string().nullable(),
  status: campaignStatus,
  pause: z
    .object({
      reason: z.enum(PAUSE_REASONS),
      detail: z.string().describe('What happened and what to do'),
      detailCoded: coded,
      resumeAt: z.number().nullable(),
      resumesByItself: z.boolean(),
    })
    .nullable(),
  variants: z.array(z.string()),
  media: mediaView
    .extend({ type: z.enum(MEDIA_TYPES).describe('What the file is sent as') })
    .nullable()
    .describe('The file every recipient gets, with the wording as its caption; null: text only'),
  pacing,
  checkNumbers: z.boolean(),
  scheduledAt: z.number().nullable(),
  startedAt: z.number().nullable(),
  completedAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  counts: campaignCounts,
  perHour: z.number(),
  nextSendAt: z.number().nullable(),
  estimatedFinishAt: z.number().nullable(),
  warnings: z.array(z.string()),
  warningsCoded: z.array(coded.unwrap()).describe('`warnings`, each as a code with its values'),
  accounts: z.array(accountUse),
});

export const campaignPage = z.object({ items: z.array(campaign), nextOffset: z.number().nullable() });

export const campaignListInput = z
  .object({
    status: z
      .union([campaignStatus, z.array(campaignStatus).min(1).max(CAMPAIGN_STATUSES.length)])
      .nullish()
      .describe('One status, or several (e.g. running and paused)'),
    sessionId: sessionId.nullish(),
    limit: z.number().int().min(1).max(100).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .default({ limit: 50, offset: 0 });

const draftFields = {
  sessionId: sessionId.nullish().describe('The account to send from (or name a pool)'),
  poolId: entityId.nullish().describe('A pool to send from (or name a session)'),
  variants: z.array(variant).max(MAX_VARIANTS).optional(),
  pacing: pacing.partial().optional().describe('Anything left out keeps its safe default'),
  checkNumbers: z.boolean().optional(),
};

export const campaignCreateInput = z.object({
  name: z.string().max(CAMPAIGN_NAME_MAX_LENGTH * 2),
  ...draftFields,
});

export const campaignUpdateInput = z.object({
  id: entityId,
  name: z
    .string()
    .max(CAMPAIGN_NAME_MAX_LENGTH * 2)
    .optional(),
  ...draftFields,
});

export const campaignMediaInput = z.object({
  id: entityId,
  media: z
    .object({
      type: z.enum(MEDIA_TYPES),
      id: mediaId.nullish().describe('A file uploaded for the campaign’s account (POST /api/v1/media)'),
      url: z.string().min(1).max(2048).nullish().describe('An http(s) URL, fetched once, now'),
    })
    .nullable()
    .describe('null removes the file'),
});

export const audienceSource = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('contacts'),
    tags: z
      .array(z.string().max(TAG_MAX_LENGTH * 2))
      .max(50)
      .default([]),
    match: z.enum(['any', 'all']).default('any'),
  }),
  z.object({
    type: z.literal('csv'),
    csv: z.string().max(1024 * 1024),
    phoneColumn: z.string().min(1).max(200),
    nameColumn: z.string().max(200).nullish(),
  }),
  z.object({ type: z.literal('numbers'), text: z.string().max(1024 * 1024) }),
]);

export const audienceInput = z.object({ id: entityId, source: audienceSource });

const problem = z.object({
  line: z.number().nullable(),
  value: z.string(),
  reason: z.string(),
  reasonCoded: coded.unwrap(),
});

export const importReport = z.object({
  added: z.number(),
  duplicates: z.number(),
  optedOut: z.number(),
  invalid: z.number(),
  problems: z.array(problem).describe('The first 100 rows that were not added, with why'),
  total: z.number(),
});

export const recipient = z.object({
  id: z.number(),
  phone: z.string(),
  name: z.string().nullable(),
  state: recipientState,
  sessionId: z.string().nullable(),
  messageId: z.string().nullable(),
  variant: z.number().nullable(),
  error: z.string().nullable(),
  errorCoded: coded,
  sentAt: z.number().nullable(),
  repliedAt: z.number().nullable(),
  variables: z.record(z.string(), z.string()),
});

export const recipientListInput = z.object({
  id: entityId,
  state: recipientState.nullish(),
  search: z.string().max(100).nullish(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

export const recipientPage = z.object({
  items: z.array(recipient),
  nextOffset: z.number().nullable(),
  total: z.number(),
});

export const previewInput = z.object({
  id: entityId,
  recipientId: z.number().int().nullish(),
  variants: z.array(variant).max(MAX_VARIANTS).optional().describe('Unsaved wordings to fill in instead'),
});

export const preview = z.object({
  recipient: recipient.nullable(),
  limit: z.number().describe('The longest a filled-in wording may be: a caption’s limit with a file'),
  variants: z.array(z.object({ text: z.string(), missing: z.array(z.string()), length: z.number() })),
});

export const testSendInput = z.object({
  id: entityId,
  to: phoneInput,
  variant: z
    .number()
    .int()
    .min(0)
    .max(MAX_VARIANTS - 1)
    .optional(),
});

export const scheduleInput = z.object({
  id: entityId,
  at: z.number().int().nullable().describe('ms since epoch; null takes it back to a draft'),
});

export const requeueResult = z.object({ requeued: z.number(), campaign });

export const exportResult = z.object({ filename: z.string(), csv: z.string() });

export const campaignStreamInput = z
  .object({ id: entityId.optional(), lastEventId: z.string().nullish() })
  .optional();

// ── Opt-outs ─────────────────────────────────────────────────────────────────────────────────────────

export const optOutSettings = z.object({
  sessionId: z.string(),
  stopWords: z.array(z.string()),
  defaultStopWords: z.boolean(),
  confirmation: z.string().nullable(),
});

export const optOutSettingsInput = z.object({
  sessionId,
  stopWords: z
    .array(z.string().max(STOP_WORD_MAX_LENGTH * 2))
    .max(MAX_STOP_WORDS * 2)
    .nullable()
    .describe('null: the default stop words'),
  confirmation: z
    .string()
    .max(OPT_OUT_REPLY_MAX_LENGTH * 2)
    .nullable(),
});

export const suppression = z.object({
  phone: z.string(),
  source: z.enum(['stop_word', 'manual', 'import']),
  note: z.string().nullable(),
  createdAt: z.number(),
});

export const suppressionListInput = z.object({
  sessionId,
  search: z.string().max(100).nullish(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

export const suppressionPage = z.object({
  items: z.array(suppression),
  nextOffset: z.number().nullable(),
  total: z.number(),
});

export const suppressionAddInput = z.object({
  sessionId,
  phones: z.array(phoneInput).min(1).max(10_000),
  note: z.string().max(200).nullish(),
});

export const suppressionImportInput = z.object({ sessionId, csv: z.string().max(1024 * 1024) });

export const suppressionRemoveInput = z.object({ sessionId, phone: phoneInput });

export const suppressionReport = z.object({
  added: z.number(),
  already: z.number(),
  invalid: z.number(),
  problems: z.array(problem),
});
