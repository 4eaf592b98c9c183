import { MEDIA_TYPES } from '@switchboard/validators';
import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponseObject } from 'zod-openapi';
import { ok, sessionId } from '../schemas/common.ts';
import { mediaId, mediaView } from '../schemas/media.ts';
import {
  sandboxDropInput,
  sandboxInbound,
  sandboxInboundInput,
  sandboxLimit,
  sandboxLimitInput,
  sandboxLinked,
  sandboxPairInput,
  sandboxPhone,
  sandboxPhoneMessage,
  sandboxReportInput,
  sandboxScanInput,
  sandboxStanding,
} from '../schemas/sandbox.ts';
import { REST_VERSION_PREFIX } from './meta.ts';

/** Both ways to present an API key; either one will do. */
export const SECURITY: Array<Record<string, string[]>> = [{ bearer: [] }, { apiKey: [] }];

/**
 * Error statuses an operation answers with. The document's builder gives each the shared error body; here
 * they only need naming.
 */
const errors = (...statuses: number[]) =>
  Object.fromEntries([400, 401, 403, 429, 500, ...statuses].map((s) => [s, { description: String(s) }]));

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A file's bytes, of whatever type the file is (its Content-Type says). */
const fileAnswer = (description: string): ZodOpenApiResponseObject => ({
  description,
  content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
});

function sandboxOperation(
  operationId: string,
  summary: string,
  body: z.ZodObject | null,
  answer: ZodOpenApiResponseObject,
  statuses: number[],
  path?: z.ZodObject,
): ZodOpenApiOperationObject {
  return {
    operationId,
    tags: ['Sandbox'],
    summary,
    security: SECURITY,
    ...(path && { requestParams: { path } }),
    ...(body && { requestBody: { required: true, content: { 'application/json': { schema: body } } } }),
    responses: { 200: answer, ...errors(...statuses) },
  };
}

/** The sandbox's control API: the virtual phones on the other side of the simulated WhatsApp network. */
const sandboxPaths: ZodOpenApiPathsObject = {
  '/sandbox/scan': {
    post: sandboxOperation(
      'sandbox-scan',
      'A virtual phone scans the QR code a session shows',
      sandboxScanInput,
      json(sandboxLinked, 'Linked: the session turns `connected`'),
      [404, 409, 410],
    ),
  },
  '/sandbox/pair': {
    post: sandboxOperation(
      'sandbox-pair',
      'A virtual phone enters the pairing code requested for it',
      sandboxPairInput,
      json(sandboxLinked, 'Linked: the session turns `connected`'),
      [404, 409, 410],
    ),
  },
  '/sandbox/inbound': {
    post: sandboxOperation(
      'sandbox-inbound',
      'A virtual phone writes to an account',
      sandboxInboundInput,
      json(sandboxInbound, 'Delivered to the account'),
      [404, 413],
    ),
  },
  '/sandbox/phones': {
    get: sandboxOperation(
      'sandbox-phones',
      'The virtual phones that received something, newest first',
      null,
      json(
        z.array(sandboxPhone),
        'Each phone with how many messages it received (from your accounts, unless you are an admin)',
      ),
      [],
    ),
  },
  '/sandbox/phones/{phone}/messages': {
    get: sandboxOperation(
      'sandbox-phoneMessages',
      'What a virtual phone received, oldest first',
      null,
      json(z.array(sandboxPhoneMessage), 'The messages (from your accounts, unless you are an admin)'),
      [],
      z.object({ phone: z.string().describe('International digits, e.g. 14155552671') }),
    ),
  },
  '/sandbox/phones/{phone}/messages/{id}/media': {
    get: sandboxOperation(
      'sandbox-phoneMessageMedia',
      'The file a virtual phone received in a message',
      null,
      fileAnswer('The file, as a download'),
      [],
      z.object({
        phone: z.string().describe('International digits, e.g. 14155552671'),
        id: z.string().describe('The message, as `GET /sandbox/phones/{phone}/messages` lists it'),
      }),
    ),
  },
  '/sandbox/phones/{phone}/report': {
    post: sandboxOperation(
      'sandbox-report',
      'A virtual phone reports an account for spam (a strike in the risk model)',
      sandboxReportInput,
      json(sandboxStanding.omit({ phone: true }), "The account's standing after the report"),
      [404, 409],
      z.object({ phone: z.string().describe('International digits of the reporting phone') }),
    ),
  },
  '/sandbox/sessions/{id}/standing': {
    get: sandboxOperation(
      'sandbox-standing',
      "How the risk model stands with the session's number: strikes, limit, ban",
      null,
      json(sandboxStanding, 'The standing'),
      [404, 409],
      z.object({ id: sessionId }),
    ),
  },
  '/sandbox/sessions/{id}/drop': {
    post: sandboxOperation(
      'sandbox-drop',
      "The session's connection drops (it reconnects)",
      sandboxDropInput,
      json(ok, 'Dropped'),
      [404, 409],
      z.object({ id: sessionId }),
    ),
  },
  '/sandbox/sessions/{id}/limit': {
    post: sandboxOperation(
      'sandbox-limit',
      'WhatsApp limits the account from starting chats (error 463), or lifts the limit',
      sandboxLimitInput,
      json(sandboxLimit, 'The session shows `limited` until then; replies still go out'),
      [404, 409],
      z.object({ id: sessionId }),
    ),
  },
  '/sandbox/sessions/{id}/fail-next-send': {
    post: sandboxOperation(
      'sandbox-failNextSend',
      "The session's next send reaches the phone, but the send then fails (the message turns `unknown`)",
      null,
      json(ok, 'Armed for the next send'),
      [404, 409],
      z.object({ id: sessionId }),
    ),
  },
  '/sandbox/sessions/{id}/unlink': {
    post: sandboxOperation(
      'sandbox-unlink',
      'The phone removes the linked device (the session is logged out)',
      null,
      json(ok, 'Unlinked'),
      [404],
      z.object({ id: sessionId }),
    ),
  },
};

/** Answers that are not JSON, served beside the generated endpoints. */
const imagePaths: ZodOpenApiPathsObject = {
  [`${REST_VERSION_PREFIX}/sessions/{id}/qr.png`]: {
    get: {
      operationId: 'sessions-qrPng',
      tags: ['Sessions'],
      summary: 'The QR code to scan, as a PNG image',
      description:
        'While the session shows a QR code (status `qr`). It changes every 20 s or so: fetch it again, or follow `sessions.onEvent` / the `session.qr` webhook.',
      security: SECURITY,
      requestParams: { path: z.object({ id: sessionId }) },
      responses: {
        200: {
          description: 'The QR code, 512 × 512 pixels',
          content: { 'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } } },
        },
        ...errors(404, 412),
      },
    },
  },
};

/** An upload's form: its fields come before the file, so the server knows where the file goes as it streams. */
const uploadForm = z.object({
  sessionId: sessionId.describe('The session the file is to be sent from (before the `file` part)'),
  type: z
    .enum(MEDIA_TYPES)
    .optional()
    .describe("What it will be sent as: the file is checked against that type's formats and size cap"),
  filename: z.string().max(1000).optional().describe("The file's name; the part's own name when not given"),
  file: z.string().meta({ contentMediaType: 'application/octet-stream', description: 'The file, last' }),
});

/** Files are streamed, not JSON: these two routes are served beside the procedures, not by them. */
const mediaPaths: ZodOpenApiPathsObject = {
  [`${REST_VERSION_PREFIX}/media`]: {
    post: {
      operationId: 'media-upload',
      tags: ['Media'],
      summary: 'Upload a file to send',
      description:
        'A `multipart/form-data` upload, streamed to storage and checked against the type\'s formats and size cap. Send it with `POST /messages` and `media: { "id" }`; a file is stored once however often it is sent. Needs the `messages:send` scope.',
      security: SECURITY,
      requestBody: { required: true, content: { 'multipart/form-data': { schema: uploadForm } } },
      responses: { 201: json(mediaView, 'Stored'), ...errors(404, 413, 415, 503) },
    },
  },
  [`${REST_VERSION_PREFIX}/media/{id}`]: {
    get: {
      operationId: 'media-download',
      tags: ['Media'],
      summary: 'Download a stored file',
      description:
        "With a key that has the `messages:read` scope for the file's session, or with no key through a signed link, as webhook payloads carry (`expires` and `signature`). Answers `Range` requests, for players.",
      security: [...SECURITY, {}],
      requestParams: {
        path: z.object({ id: mediaId }),
        query: z.object({
          expires: z.string().optional().describe("A signed link's expiry"),
          signature: z.string().optional().describe("A signed link's signature"),
        }),
      },
      responses: {
        200: fileAnswer('The file, with its type, and `Content-Disposition` naming it'),
        206: fileAnswer('The part of the file a `Range` header asked for'),
        ...errors(404, 410),
      },
    },
  },
};

/** The routes the server serves itself (not generated from procedures), to document beside the rest. */
export const plainPaths = (sandbox: boolean): ZodOpenApiPathsObject => ({
  ...imagePaths,
  ...mediaPaths,
  ...(sandbox && sandboxPaths),
});
