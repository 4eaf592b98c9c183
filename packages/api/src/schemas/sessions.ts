import {
  ENGINE_NAMES,
  MAX_NUMBER_CHECKS,
  PROXY_URL_MAX_LENGTH,
  SESSION_BULK_MAX,
  SESSION_NAME_MAX_LENGTH,
  SESSION_SORTS,
  SESSION_STATUSES,
} from '@switchboard/validators';
import { z } from 'zod';
import { coded, eventBase, phoneInput, sessionId } from './common.ts';

export const sessionStatus = z.enum(SESSION_STATUSES);
export const engineName = z.enum(ENGINE_NAMES);

/** An engine this server offers and, for one that goes out to the network, whether its last attempt got through. */
export const engineInfo = z.object({
  name: engineName,
  reachable: z.boolean().nullable(),
  checkedAt: z.number().int().nullable(),
});

/** WhatsApp's reach-out limit (error 463) on an account: no new chats, replies still go out. Not a status. */
export const sessionLimit = z
  .object({
    reason: z.string(),
    until: z.number().nullable().describe('When it ends (ms since epoch), when WhatsApp said'),
  })
  .nullable()
  .describe("WhatsApp's reach-out limit while it holds: messages to people who never wrote fail fast");

const lastQr = z
  .literal(true)
  .optional()
  .describe('Present on the last code: linking stops when it expires unscanned (sandbox only)');

export const qrCode = z.object({
  qr: z.string().describe('The exact string to encode in the QR code'),
  expiresAt: z.number().describe('When it is replaced by the next one (ms since epoch)'),
  last: lastQr,
});

const userId = z.string().min(1).max(100);

export const sessionOwner = z
  .object({ id: z.string(), name: z.string(), email: z.string() })
  .nullable()
  .describe('Who owns the session: filled for admins, null for everyone else (they see their own)');

export const session = z.object({
  id: z.string(),
  name: z.string(),
  engine: engineName,
  ownerId: z.string(),
  owner: sessionOwner,
  status: sessionStatus,
  statusReason: z.string().nullable(),
  statusReasonCoded: coded,
  phone: z.string().nullable(),
  pushName: z.string().nullable(),
  autoStart: z
    .boolean()
    .describe('Keep it running: started again when the server starts, retried after failures'),
  proxy: z
    .string()
    .nullable()
    .describe('The proxy a WhatsApp Web session reaches WhatsApp through, its password masked'),
  qr: qrCode.nullable().describe('The QR code on display, while the status is `qr`'),
  nextRetryAt: z.number().nullable(),
  resources: z
    .object({ rssBytes: z.number(), processes: z.number(), sampledAt: z.number() })
    .nullable()
    .describe("The engine's latest resource sample (browser memory), for engines that report one"),
  limited: sessionLimit,
  createdAt: z.number(),
  updatedAt: z.number(),
  statusChangedAt: z.number(),
  lastConnectedAt: z.number().nullable(),
});

export const sessionStats = z.object({ total: z.number(), byStatus: z.record(sessionStatus, z.number()) });

export const byId = z.object({ id: sessionId });

export const sessionCreateInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name is required')
    .max(SESSION_NAME_MAX_LENGTH, `Name must be at most ${SESSION_NAME_MAX_LENGTH} characters`),
  id: sessionId.optional(),
  engine: engineName.default('sandbox'),
  /** Start at once (default), which is what shows the QR code. */
  start: z.boolean().default(true),
});

export const sessionSort = z.enum(SESSION_SORTS);

const sessionFilters = {
  search: z.string().max(100).nullish().describe('Part of the name, id or phone number'),
  status: z
    .union([sessionStatus, z.array(sessionStatus).min(1).max(SESSION_STATUSES.length)])
    .nullish()
    .describe('One status, or several (e.g. failed and logged_out)'),
  engine: engineName.nullish(),
  ownerId: userId.nullish().describe("Only this user's sessions (for admins)"),
  sort: sessionSort
    .nullish()
    .describe(
      '`created` (default, oldest first); `attention`: failed, unlinked and waiting for a scan first, then by name',
    ),
  order: z.enum(['asc', 'desc']).nullish(),
};

export const sessionListInput = z.object(sessionFilters).optional();

export const sessionPageInput = z.object({
  ...sessionFilters,
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

export const sessionPage = z.object({
  items: z.array(session),
  total: z.number().describe('How many sessions match, on every page'),
  nextOffset: z.number().nullable(),
});

export const sessionUpdateInput = z.object({
  id: sessionId,
  name: z
    .string()
    .trim()
    .min(1, 'Name is required')
    .max(SESSION_NAME_MAX_LENGTH, `Name must be at most ${SESSION_NAME_MAX_LENGTH} characters`)
    .optional(),
  autoStart: z.boolean().optional(),
  proxy: z
    .string()
    .max(PROXY_URL_MAX_LENGTH)
    .nullable()
    .optional()
    .describe('WhatsApp Web only: `http://`, `https://`, `socks4://` or `socks5://`; null removes it'),
});

export const sessionTransferInput = z.object({ id: sessionId, ownerId: userId });

export const sessionIdsInput = z.object({
  ids: z
    .array(sessionId)
    .min(1, 'Choose at least one session')
    .max(SESSION_BULK_MAX, `At most ${SESSION_BULK_MAX} sessions at once`),
});

export const bulkResult = z.discriminatedUnion('ok', [
  z.object({ id: z.string(), ok: z.literal(true), session }),
  z.object({
    id: z.string(),
    ok: z.literal(false),
    code: z.string().describe('Why this one was refused, e.g. NOT_FOUND'),
    message: z.string(),
  }),
]);

export const sessionPhoneInput = z.object({ id: sessionId, phone: phoneInput });

export const pairingCode = z.object({ code: z.string() });

export const numberCheck = z.object({
  phone: z.string(),
  onWhatsApp: z.boolean(),
  chatId: z.string().nullable(),
});

export const numberChecksInput = z.object({
  id: sessionId,
  phones: z
    .array(z.string().max(40, 'Phone number is too long'))
    .min(1, 'Give at least one number to check')
    .max(MAX_NUMBER_CHECKS, `Check at most ${MAX_NUMBER_CHECKS} numbers at once`),
});

export const numberCheckLine = z.object({
  input: z.string().describe('The line as it was given'),
  phone: z.string().nullable().describe('Its digits, or null when it is not a phone number'),
  onWhatsApp: z.boolean().nullable().describe('null when the line is not a phone number'),
  chatId: z.string().nullable(),
  problem: z.string().nullable().describe('What is wrong with the line, when it is not a phone number'),
  problemCoded: coded,
});

export const group = z.object({ id: z.string(), name: z.string(), participants: z.number() });

export const chat = z.object({
  id: z.string(),
  phone: z
    .string()
    .optional()
    .describe("The other side's number, when the chat is with a person and WhatsApp tells it"),
  lid: z.string().optional().describe("The other side's privacy id (LID), when WhatsApp tells it"),
  name: z.string(),
  isGroup: z.boolean(),
  unreadCount: z.number(),
  lastMessageAt: z.number().optional(),
});

/** `sessions.onEvent` names the one session `id` (the other streams call it `sessionId`). */
export const sessionStreamInput = z
  .object({
    id: sessionId.optional(),
    lastEventId: z.string().nullish(),
    batchSnapshot: z
      .boolean()
      .optional()
      .describe(
        'Receive the starting state (or what a reconnecting client missed) as one `snapshot` event carrying the events, instead of one message per event: a dashboard with many sessions applies it in one go',
      ),
  })
  .optional();

export const sessionEvent = z.discriminatedUnion('type', [
  z.object({
    ...eventBase,
    type: z.literal('status'),
    status: sessionStatus,
    reason: z.string().nullable(),
    reasonCoded: coded,
    phone: z.string().nullable(),
    pushName: z.string().nullable(),
    lastConnectedAt: z.number().nullable(),
    nextRetryAt: z.number().nullable(),
    limited: sessionLimit,
  }),
  z.object({ ...eventBase, type: z.literal('qr'), qr: z.string(), expiresAt: z.number(), last: lastQr }),
  z.object({ ...eventBase, type: z.literal('pairing_code'), code: z.string() }),
  z.object({ ...eventBase, type: z.literal('deleted') }),
  z.object({
    ...eventBase,
    type: z.literal('transferred'),
    previousOwnerId: z
      .string()
      .describe('Whoever saw it only through this owner drops it; the new owner (`ownerId`) adds it'),
  }),
]);

/** What `sessions.onEvent` yields: the events, and with `batchSnapshot` first one `snapshot` carrying the earlier ones. */
export const sessionStreamEvent = z.union([
  sessionEvent,
  z.object({
    id: z.string(),
    type: z.literal('snapshot'),
    events: z
      .array(sessionEvent)
      .describe('In order; a session may appear more than once (its status, then its QR)'),
  }),
]);
