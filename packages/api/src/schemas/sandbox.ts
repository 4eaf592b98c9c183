import {
  LOCATION_TEXT_MAX_LENGTH,
  MEDIA_TYPES,
  MESSAGE_TEXT_CEILING,
  MESSAGE_TYPES,
} from '@switchboard/validators';
import { z } from 'zod';
import { phoneInput } from './common.ts';

/**
 * The sandbox control API (plain HTTP routes beside REST: it stands in for the phones, not for an account).
 * The server validates requests with these, and the OpenAPI document describes them with the same.
 */

const phone = (what: string) => phoneInput.describe(what);

export const sandboxScanInput = z.object({
  qr: z
    .string({ error: 'qr is required: the QR string the session shows' })
    .min(1, 'qr is required: the QR string the session shows')
    .max(2000),
  phone: phone('The virtual phone that scans, e.g. +4915112345678'),
});

export const sandboxPairInput = z.object({
  code: z
    .string({ error: 'code is required: the pairing code the session shows' })
    .min(1, 'code is required: the pairing code the session shows')
    .max(20),
  phone: phone('The virtual phone the code was requested for'),
});

const degrees = (limit: number) => {
  const problem = `must be a number of degrees between -${limit} and ${limit}`;
  return z.number({ error: problem }).min(-limit, problem).max(limit, problem);
};

const placeText = z
  .string()
  .max(LOCATION_TEXT_MAX_LENGTH, `must be at most ${LOCATION_TEXT_MAX_LENGTH} characters`)
  .optional();

export const sandboxInboundInput = z.object({
  from: phone('The virtual phone that writes'),
  to: phone("The account's number (a connected sandbox session)"),
  text: z
    .string()
    .max(MESSAGE_TEXT_CEILING, `text must be at most ${MESSAGE_TEXT_CEILING} characters`)
    .optional()
    .describe('The message; with `media`, its caption. Required unless `media` or `location` is given'),
  media: z
    .object({
      type: z.enum(MEDIA_TYPES, { error: `must be one of ${MEDIA_TYPES.join(', ')}` }),
      data: z
        .string({ error: 'must be the file in base64' })
        .describe('The file, base64 (up to about 24 MB)'),
      mimetype: z.string().max(200).optional(),
      filename: z.string().max(255).optional(),
    })
    .optional()
    .describe('A file the phone sends'),
  location: z
    .object({ latitude: degrees(90), longitude: degrees(180), name: placeText, address: placeText })
    .optional()
    .describe('A place the phone shares'),
});

export const sandboxReportInput = z.object({
  account: phone('The number of the account reported for spam (a connected sandbox session)'),
});

/** How the sandbox's risk model stands with an account's number (what reports and fast sends earned it). */
export const sandboxStanding = z.object({
  phone: z.string().describe("The account's number"),
  strikes: z.number(),
  limitedUntil: z.number().nullable().describe('Until when new contacts are refused (ms since epoch)'),
  banned: z.string().nullable().describe('Why the account was banned; null while it is not'),
  lastStrike: z.string().nullable().describe('What earned the last strike'),
});

export const sandboxDropInput = z.object({
  offlineMs: z
    .number({ error: 'offlineMs must be a whole number of milliseconds up to 3600000' })
    .int('offlineMs must be a whole number of milliseconds up to 3600000')
    .min(0, 'offlineMs must be a whole number of milliseconds up to 3600000')
    .max(3_600_000, 'offlineMs must be a whole number of milliseconds up to 3600000')
    .optional()
    .describe('How long the network then stays down for the session'),
});

/** A sandbox reach-out limit lasts at most a day (WhatsApp's own last hours to days). */
const LIMIT_MAX_MS = 86_400_000;
const forMsProblem = `forMs is required: how long WhatsApp limits the account, in whole milliseconds up to ${LIMIT_MAX_MS} (0 lifts it)`;

export const sandboxLimitInput = z.object({
  forMs: z
    .number({ error: forMsProblem })
    .int(forMsProblem)
    .min(0, forMsProblem)
    .max(LIMIT_MAX_MS, forMsProblem)
    .describe('How long WhatsApp keeps the account from starting chats (error 463); 0 lifts the limit'),
});

export const sandboxLimit = z.object({
  until: z.number().nullable().describe('When the limit ends (ms since epoch); null once lifted'),
});

export const sandboxLinked = z.object({
  sessionId: z.string().describe('The session now linked to the phone'),
});

export const sandboxInbound = z.object({ sessionId: z.string(), externalId: z.string() });

export const sandboxPhone = z.object({
  phone: z.string().describe('The virtual phone, international digits'),
  name: z.string().describe('Its push name, as the accounts it writes to see it'),
  received: z.number().int().describe('How many messages it received from your accounts'),
  lastAt: z.number().describe('When the newest of them arrived (ms since epoch)'),
});

export const sandboxPhoneMessage = z.object({
  id: z.string(),
  from: z.string().describe("The sending account's number"),
  type: z.enum(MESSAGE_TYPES),
  text: z.string().describe("The text, or a file's caption"),
  media: z
    .object({ mimetype: z.string(), filename: z.string().optional(), size: z.number(), sha256: z.string() })
    .optional()
    .describe('The file received; its bytes at GET /api/sandbox/phones/{phone}/messages/{id}/media'),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  at: z.number(),
});
