import { MESSAGE_TEXT_CEILING } from '@switchboard/validators';
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

export const sandboxInboundInput = z.object({
  from: phone('The virtual phone that writes'),
  to: phone("The account's number (a connected sandbox session)"),
  text: z
    .string({ error: 'text is required' })
    .min(1, 'text is required')
    .max(MESSAGE_TEXT_CEILING, `text must be at most ${MESSAGE_TEXT_CEILING} characters`),
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

export const sandboxLinked = z.object({
  sessionId: z.string().describe('The session now linked to the phone'),
});

export const sandboxInbound = z.object({ sessionId: z.string(), externalId: z.string() });

export const sandboxPhoneMessage = z.object({
  id: z.string(),
  from: z.string().describe("The sending account's number"),
  text: z.string(),
  media: z.object({ mimetype: z.string(), filename: z.string().optional(), size: z.number() }).optional(),
  at: z.number(),
});
