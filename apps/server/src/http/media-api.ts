import type { IncomingMessage, ServerResponse } from 'node:http';
import { restErrorOf } from '@switchboard/api';
import {
  type Actor,
  AppError,
  largestLimit,
  type MediaView,
  requireScope,
  type Services,
} from '@switchboard/core';
import { isMediaType, isValidSessionId, MEDIA_TYPES } from '@switchboard/validators';
import busboy from 'busboy';
import { requireActor } from './credentials.ts';
import { HttpError, sendError, sendJson } from './json.ts';
import { serveFile } from './serve-file.ts';

/** Room for the multipart framing and the small fields around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * The media endpoints for API clients and the dashboard, beside tRPC:
 * - `POST /api/v1/media` — a multipart/form-data upload (`sessionId`, optional `type` and `filename`, then
 *   the `file` part), streamed to storage; answers 201 with the stored file's id;
 * - `GET /api/v1/media/{id}` — the file, for a signed-in caller who may read the account's messages, or for
 *   anyone holding a signed link (`?expires=…&signature=…`, as webhooks carry).
 * Signed in means a login or an API key (counted against its rate limit; uploading needs `messages:send`,
 * reading `messages:read`). Errors are the API's `{ code, message }`.
 */
export function mediaApi(services: Services) {
  const { media } = services;

  const upload = (req: IncomingMessage, actor: Actor): Promise<MediaView> => {
    // Before a byte of the file is read: a key that may not send is refused at once.
    requireScope(actor, 'messages:send');
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > largestLimit(media.limits()) + FORM_OVERHEAD_BYTES)
      throw new AppError('PAYLOAD_TOO_LARGE', 'The upload is larger than any message may carry');
    let form: busboy.Busboy;
    try {
      form = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 5, fieldSize: 1024, parts: 8, headerPairs: 20 },
      });
    } catch {
      throw new HttpError(415, 'Upload the file as multipart/form-data');
    }
    return new Promise<MediaView>((resolve, reject) => {
      const fields = new Map<string, string>();
      let started = false;
      // A client that goes away mid-upload ends the file it was sending, so nothing waits for the rest.
      const cutOff = new HttpError(400, 'The upload was cut off before it was complete');
      req.once('close', () => {
        if (!req.complete) reject(cutOff);
      });
      form.on('field', (name, value) => fields.set(name, value));
      form.on('file', (name, stream, info) => {
        if (name !== 'file' || started) {
          stream.resume();
          return;
        }
        started = true;
        req.once('close', () => {
          // Without an error: whoever reads the file sees it end early; the upload itself fails with cutOff.
          if (!req.complete) stream.destroy();
        });
        try {
          const sessionId = fields.get('sessionId') ?? '';
          if (!isValidSessionId(sessionId))
            throw new HttpError(
              400,
              'Send the "sessionId" field (the session to send from) before the "file" part',
            );
          const given = fields.get('type');
          const type = given === undefined ? null : isMediaType(given) ? given : undefined;
          if (type === undefined) throw new HttpError(400, `"type" must be one of ${MEDIA_TYPES.join(', ')}`);
          media
            .upload(actor, {
              sessionId,
              type,
              filename: fields.get('filename') ?? info.filename,
              body: stream,
            })
            .then(resolve, reject);
        } catch (error) {
          reject(error);
        }
      });
      form.on('error', (error) =>
        reject(
          new HttpError(400, `The upload is not valid multipart/form-data: ${(error as Error).message}`),
        ),
      );
      form.on('close', () => {
        if (!started) reject(new HttpError(400, 'The upload has no "file" part'));
      });
      req.pipe(form);
    }).finally(() => req.unpipe(form));
  };

  const download = async (req: IncomingMessage, res: ServerResponse, id: string) => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const expires = query.get('expires');
    const signature = query.get('signature');
    if (expires !== null || signature !== null) {
      const { check, file } = media.openSigned(id, expires ?? '', signature ?? '');
      if (check === 'invalid') throw new HttpError(403, 'This download link is not valid');
      if (check === 'expired')
        throw new HttpError(
          410,
          `This download link has expired; GET /api/v1/media/${id} signed in still works`,
        );
      if (!file) throw new HttpError(404, `Media ${id} not found`);
      return serveFile(req, res, file);
    }
    const actor = requireActor(services, req, 'reading a file without a signed link');
    return serveFile(req, res, media.open(actor, id));
  };

  /** Answers a request for `path` (below `/api`): `/v1/media` or `/v1/media/{id}`. */
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    try {
      if (path === '/v1/media') {
        if (req.method !== 'POST') throw new HttpError(405, 'Use POST to upload to /api/v1/media');
        const actor = requireActor(services, req, 'uploading');
        sendJson(res, 201, await upload(req, actor));
        return;
      }
      const id = /^\/v1\/media\/([\w-]{1,100})$/.exec(path)?.[1];
      if (!id) throw new HttpError(404, `No endpoint at /api${path}`);
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, `Use GET for /api${path}`);
      await download(req, res, id);
    } catch (error) {
      const refusal = error instanceof HttpError ? null : restErrorOf(error);
      if (refusal?.error.code === 'INTERNAL_SERVER_ERROR') throw error;
      // A refused upload is not read to its end: the client is told at once and the connection closed.
      const unread = req.method === 'POST' && !req.readableEnded;
      if (unread) res.shouldKeepAlive = false;
      if (refusal) {
        if (refusal.body.retryAfterSeconds !== undefined)
          res.setHeader('Retry-After', String(refusal.body.retryAfterSeconds));
        sendJson(res, refusal.status, refusal.body);
      } else sendError(res, (error as HttpError).status, (error as HttpError).message);
      if (unread) res.on('finish', () => req.destroy());
    }
  };
}
