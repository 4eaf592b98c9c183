import { ERROR_REASONS } from '@switchboard/validators';
import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { z } from 'zod';
import { appRouter } from '../root.ts';
import { REST_TAGS, type RestTag } from './meta.ts';
import { plainPaths } from './plain-paths.ts';

/** The body of every error answer under `/api`. */
export const restError = z
  .object({
    code: z
      .string()
      .describe('Stable and machine-readable: NOT_FOUND, PRECONDITION_FAILED, TOO_MANY_REQUESTS, …'),
    message: z.string().describe('For people: what went wrong, and what to do about it'),
    reason: z
      .enum(ERROR_REASONS)
      .optional()
      .describe(
        'Stable code for refusals people meet (session.not_found, phone.invalid, …): say it in your language',
      ),
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .optional()
      .describe('With reason: the values its sentence names (a session id, a size, …)'),
    retryAfterSeconds: z
      .number()
      .optional()
      .describe('With 429: how long to wait (also the Retry-After header)'),
    ref: z.string().optional().describe("With 500: names the server log's entry with the details"),
    issues: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('With invalid input: each problem and the field it is in'),
  })
  .meta({
    id: 'Error',
    example: { code: 'PRECONDITION_FAILED', message: 'Session sales-1 is not connected (status: qr)' },
  });
export type RestErrorBody = z.infer<typeof restError>;

/** What each error status means here, for the document. */
const STATUS_MEANING: Record<number, string> = {
  400: 'The request is invalid; the message says what to fix',
  401: 'No valid credential: the API key is missing, unknown, revoked or expired',
  403: "The key lacks the scope for this (or it needs a signed-in person or an admin); the message names what's missing",
  404: 'Not found — or not yours to see, which answers exactly alike',
  409: 'It conflicts with how things are (a taken id, an idempotency key used for another message, …)',
  408: 'A file at a URL did not arrive in time',
  410: 'Expired: a QR or pairing code (use the one shown now), or a download link (GET the file with a key)',
  412: 'The session is not in a state that allows it (e.g. not connected)',
  413: "Too large: a request body over its limit, or a file over its type's size cap",
  415: "The file's format is not one its type allows (or an upload is not multipart/form-data)",
  429: 'Too many requests: wait as long as Retry-After says',
  500: 'A failure of the server; `ref` names the log entry with the details',
  502: 'A URL to fetch a file from failed: it answered with an error, or could not be reached',
  503: 'The database cannot be written right now (locked by another program, or the disk is full); nothing was changed',
};

const TAG_DESCRIPTIONS: Record<RestTag | 'Sandbox', string> = {
  Sessions:
    'WhatsApp accounts: create, link (QR code or pairing code), start, stop, log out, delete; look things up',
  Messages:
    'Send texts, files and places (idempotently, by session, phone number or your default session) and read them',
  Media: 'Upload files to send, and download the files of messages',
  Conversations:
    'The inbox: one thread per session and contact, with unread counts, read and resolved states',
  Contacts: 'The people each session talks to, and the tags campaigns pick audiences by',
  Campaigns:
    'Paced sends to an audience from one session or a pool: drafts, audiences, a file, start, pause, progress, reports',
  Pools: 'Named groups of sessions that sends and campaigns spread over',
  'Opt-outs': "Each session's list of numbers its campaigns never message, and the stop words that add to it",
  Webhooks: 'Signed HTTP callbacks for what happens, with a delivery log and replay',
  Stats:
    "The dashboard's Overview figures: sessions by status, messages per day, accounts and webhook endpoints needing attention",
  Sandbox: 'The simulated WhatsApp network: virtual phones that scan, pair, write and receive',
};

const DESCRIPTION = `Switchboard runs many WhatsApp accounts ("sessions") in one server. This is its REST API: the same
procedures as the typed tRPC API at \`/trpc\`, with the same checks.

**Authentication.** Create an API key in the dashboard (**API keys**), then send it as \`Authorization: Bearer sbk_…\`
or \`X-Api-Key: sbk_…\`. A key acts as the user who made it, narrowed to its scopes and, if chosen, to some sessions.

**Errors** are JSON: \`{ "code": "NOT_FOUND", "message": "Session sales-1 not found" }\`; \`code\` is stable, \`message\` is
meant for people. A session you may not see answers 404, exactly like one that does not exist.

**Live events** are not REST: subscribe over the WebSocket at \`/trpc\` (tRPC; pass the key in the connection
params) or add a webhook.`;

/**
 * The OpenAPI 3.1 document of the REST API, generated from the procedures' meta and zod schemas, with the
 * routes the server serves itself (the QR image, media upload and download; the sandbox's, while it is enabled). Error answers share
 * one schema, the one the server sends.
 */
export function openApiDocument(options: { sandbox: boolean; version: string }): OpenAPIObject {
  const document = generateOpenApiDocument(appRouter, {
    title: 'Switchboard API',
    version: options.version,
    description: DESCRIPTION,
    baseUrl: '/api',
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'An API key (sbk_…) as a bearer token: `Authorization: Bearer sbk_…`',
      },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'An API key (sbk_…)' },
    },
    paths: plainPaths(options.sandbox),
    defs: { Error: restError },
  });
  document.tags = [...REST_TAGS, ...(options.sandbox ? (['Sandbox'] as const) : [])].map((name) => ({
    name,
    description: TAG_DESCRIPTIONS[name],
  }));
  shareErrorBody(document);
  return document;
}

/** Every error answer gets the one error schema (trpc-to-openapi makes its own, which the server does not send). */
function shareErrorBody(document: OpenAPIObject): void {
  for (const pathItem of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(
      pathItem as Record<string, { responses?: Record<string, unknown> }>,
    )) {
      for (const status of Object.keys(operation.responses ?? {})) {
        const code = Number(status);
        if (code < 400 || !operation.responses) continue;
        operation.responses[status] = {
          description: STATUS_MEANING[code] ?? 'An error',
          ...(code === 429 && {
            headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
          }),
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        };
      }
    }
  }
  const schemas = document.components?.schemas ?? {};
  for (const name of Object.keys(schemas)) if (name.startsWith('error.')) delete schemas[name];
}
