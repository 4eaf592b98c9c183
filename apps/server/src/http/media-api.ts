import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_STATUS } from '@switchboard/api';
import { type Actor, AppError, largestLimit, type MediaView, type Services } from '@switchboard/core';
import { isMediaType, isValidSessionId, MEDIA_TYPES } from '@switchboard/validators';
import busboy from 'busboy';
import { HttpError, sendJson } from './json.ts';
import { serveFile } from './serve-file.ts';

/** Room for the multipart framing and the small fields around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * The media endpoints for API clients and the dashboard, beside tRPC:
 * - `POST /api/v1/media` — a multipart/form-data upload (`sessionId`, optional `type` and `filename`, then
 *   the `file` part), streamed to storage; answers 201 with the stored file's id;
 * - `GET /api/v1/media/{id}` — the file, for a signed-in caller who may read the account's messages, or for
 *   anyone holding a signed link (`?expires=…&signature=…`, as webhooks carry).
 */
export function mediaApi(services: Services) {
  const { media } = services;

  const upload = (req: IncomingMessage, actor: Actor): Promise<MediaView> => {
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

  const download = async (req: IncomingMessage, res: ServerResponse, id: string, actor: Actor | null) => {
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
    if (!actor) throw new HttpError(401, 'Sign in first, or use a signed download link');
    return serveFile(req, res, media.open(actor, id));
  };

  return async (req: IncomingMessage, res: ServerResponse, actor: Actor | null): Promise<void> => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    try {
      if (pathname === '/api/v1/media') {
        if (req.method !== 'POST') throw new HttpError(405, 'Use POST to upload to /api/v1/media');
        if (!actor) throw new HttpError(401, 'Sign in first: uploading needs a logged-in user');
        sendJson(res, 201, await upload(req, actor));
        return;
      }
      const id = /^\/api\/v1\/media\/([\w-]{1,100})$/.exec(pathname)?.[1];
      if (!id) throw new HttpError(404, `No endpoint at ${pathname}`);
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, `Use GET for ${pathname}`);
      await download(req, res, id, actor);
    } catch (error) {
      const status =
        error instanceof HttpError
          ? error.status
          : error instanceof AppError
            ? HTTP_STATUS[error.code]
            : null;
      if (status === null) throw error;
      // A refused upload is not read to its end: the client is told at once and the connection closed.
      const unread = req.method === 'POST' && !req.readableEnded;
      if (unread) res.shouldKeepAlive = false;
      sendJson(res, status, { error: (error as Error).message });
      if (unread) res.on('finish', () => req.destroy());
    }
  };
}
