import type { OpenApiMeta, OpenApiMethod } from 'trpc-to-openapi';
import type { ZodObject } from 'zod';

/** Every REST path starts here, under `/api`: the version is part of the path, so a v2 can live beside it. */
export const REST_VERSION_PREFIX = '/v1';

export const REST_TAGS = [
  'Sessions',
  'Messages',
  'Media',
  'Conversations',
  'Contacts',
  'Campaigns',
  'Pools',
  'Opt-outs',
  'Webhooks',
  'Stats',
] as const;
export type RestTag = (typeof REST_TAGS)[number];

interface RestOptions {
  tag: RestTag;
  summary: string;
  description?: string;
  /** Statuses this endpoint answers with besides the ones every endpoint may (400, 401, 403, 429, 500). */
  errors?: number[];
  /** Request headers it reads into its input (`Idempotency-Key` → `idempotencyKey`). */
  headers?: ZodObject;
}

/** What any authenticated endpoint may answer: bad input, no or bad key, missing scope, rate limit, our fault. */
const ALWAYS = [400, 401, 403, 429, 500];

/**
 * Makes a procedure a REST endpoint too: `rest('GET', '/sessions/{id}', …)` serves it at
 * `GET /api/v1/sessions/{id}`, with the path's `{id}` taken from the input's `id`, the rest of the input from
 * the query (GET, DELETE) or the JSON body. The OpenAPI document is generated from the same meta.
 */
export function rest(method: OpenApiMethod, path: `/${string}`, options: RestOptions): OpenApiMeta {
  const errors = new Set([...ALWAYS, ...(options.errors ?? [])]);
  if (path.includes('{')) errors.add(404);
  // A write can meet a database that is locked by another program or a full disk.
  if (method !== 'GET') errors.add(503);
  return {
    openapi: {
      method,
      path: `${REST_VERSION_PREFIX}${path}`,
      tags: [options.tag],
      summary: options.summary,
      ...(options.description && { description: options.description }),
      ...(options.headers && { requestHeaders: options.headers }),
      errorResponses: [...errors].sort((a, b) => a - b),
    },
  };
}
