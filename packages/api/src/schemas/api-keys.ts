import {
  API_KEY_MAX_ACCOUNTS,
  API_KEY_NAME_MAX_LENGTH,
  API_KEY_STATUSES,
  SCOPES,
} from '@switchboard/validators';
import { z } from 'zod';
import { sessionId } from './common.ts';

export const scope = z.enum(SCOPES);

export const apiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('`sbk_` and the first characters of the key, to tell keys apart'),
  scopes: z.array(scope),
  accountIds: z
    .array(z.string())
    .nullable()
    .describe('The only sessions it may act on; null: all its owner sees'),
  expiresAt: z.number().nullable(),
  lastUsedAt: z.number().nullable().describe('Updated at most once a minute'),
  revokedAt: z.number().nullable(),
  createdAt: z.number(),
  status: z.enum(API_KEY_STATUSES),
  owner: z.object({ id: z.string(), name: z.string(), email: z.string() }),
});

export const apiKeyCreated = z.object({
  key: apiKey,
  secret: z.string().describe('The key itself (sbk_…): shown in this answer only'),
});

export const apiKeyCreateInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the key, e.g. "n8n production"')
    .max(API_KEY_NAME_MAX_LENGTH, `Name must be at most ${API_KEY_NAME_MAX_LENGTH} characters`),
  scopes: z.array(scope).min(1, 'Choose at least one scope').max(SCOPES.length),
  accountIds: z
    .array(sessionId)
    .min(1, 'Choose at least one session, or none (null) for every session')
    .max(API_KEY_MAX_ACCOUNTS)
    .nullable()
    .default(null),
  expiresAt: z.number().int().positive().nullable().default(null),
  /** Admins may make a key for someone else. */
  userId: z.string().min(1).max(64).optional(),
});

export const apiKeyListInput = z.object({ userId: z.string().min(1).max(64).nullish() }).optional();

export const apiKeyIdInput = z.object({ id: z.string().min(1).max(100) });
