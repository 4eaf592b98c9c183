import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_STATUS } from '@switchboard/api';
import {
  type Actor,
  AppError,
  hasScope,
  isAdmin,
  normalisePhone,
  requireScope,
  type Services,
} from '@switchboard/core';
import { type PhoneContent, SandboxError, type SandboxNetwork } from '@switchboard/engines/sandbox';
import {
  CAPTION_MAX_LENGTH,
  isMediaType,
  LOCATION_TEXT_MAX_LENGTH,
  MESSAGE_TEXT_CEILING,
} from '@switchboard/validators';
import { HttpError, readJson, sendJson } from './json.ts';
import { decodePath, requestPath } from './request-path.ts';

const BODY_LIMIT = 128 * 1024;
/** A sandbox reach-out limit lasts at most a day (WhatsApp's own last hours to days). */
const LIMIT_MAX_MS = 86_400_000;
/** Inbound messages may carry a file in base64: files up to about 24 MB. */
const INBOUND_BODY_LIMIT = 32 * 1024 * 1024;

function text(body: Record<string, unknown>, field: string, max = 1000): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0)
    throw new HttpError(400, `"${field}" is required (a string)`);
  if (value.length > max) throw new HttpError(400, `"${field}" must be at most ${max} characters`);
  return value;
}

function optionalText(body: Record<string, unknown>, field: string, max: number): string | undefined {
  return body[field] === undefined || body[field] === null || body[field] === ''
    ? undefined
    : text(body, field, max);
}

const object = (value: unknown, field: string): Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HttpError(400, `"${field}" must be an object`);
  return value as Record<string, unknown>;
};

const degrees = (value: unknown, field: string, limit: number): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit)
    throw new HttpError(400, `"${field}" must be a number of degrees between -${limit} and ${limit}`);
  return value;
};

/**
 * What a virtual phone sends: `text`, or `media: { type, data (base64), mimetype?, filename? }` with the text
 * as its caption, or `location: { latitude, longitude, name?, address? }`.
 */
function phoneContent(body: Record<string, unknown>): PhoneContent {
  if (body.media !== undefined && body.location !== undefined)
    throw new HttpError(400, 'Send "media" or "location", not both');
  if (body.media !== undefined) {
    const media = object(body.media, 'media');
    const type = media.type;
    if (typeof type !== 'string' || !isMediaType(type))
      throw new HttpError(400, '"media.type" must be image, video, audio, voice, document or sticker');
    const data = Buffer.from(text(media, 'data', INBOUND_BODY_LIMIT), 'base64');
    if (data.length === 0) throw new HttpError(400, '"media.data" must be the file in base64');
    const mimetype = optionalText(media, 'mimetype', 200);
    const filename = optionalText(media, 'filename', 255);
    return {
      text: optionalText(body, 'text', CAPTION_MAX_LENGTH) ?? '',
      media: { kind: type, data, ...(mimetype ? { mimetype } : {}), ...(filename ? { filename } : {}) },
    };
  }
  if (body.location !== undefined) {
    const place = object(body.location, 'location');
    const name = optionalText(place, 'name', LOCATION_TEXT_MAX_LENGTH);
    const address = optionalText(place, 'address', LOCATION_TEXT_MAX_LENGTH);
    return {
      text: '',
      location: {
        latitude: degrees(place.latitude, 'location.latitude', 90),
        longitude: degrees(place.longitude, 'location.longitude', 180),
        ...(name ? { name } : {}),
        ...(address ? { address } : {}),
      },
    };
  }
  return { text: text(body, 'text', MESSAGE_TEXT_CEILING) };
}

/** The bytes of a file a virtual phone received, served as a download. */
class FileAnswer {
  constructor(
    readonly data: Buffer,
    readonly mimetype: string,
  ) {}

  send(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': this.mimetype,
      'content-length': this.data.length,
      'content-disposition': 'attachment',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(this.data);
  }
}

/**
 * The sandbox's control API: it stands in for the phones on the other side of the simulated WhatsApp
 * network. Authenticated like the rest of the API; a session the caller may not see answers 404, exactly
 * like one that does not exist.
 */
export function sandboxApi(services: Services, network: SandboxNetwork) {
  const { access } = services;

  /**
   * Maps a control request to the session it acts on and checks the caller may manage that session: what a
   * virtual phone does (scan, pair, drop, unlink) changes the session's state.
   */
  /** Admins read every phone's inbox; operators only what their own accounts sent. */
  const readableBy = (actor: Actor): ((message: { from: string }) => boolean) => {
    requireScope(actor, 'messages:read');
    if (isAdmin(actor)) return () => true;
    const own = new Set(access.accounts(actor, 'messages:read').map((a) => a.phone));
    return (message) => own.has(message.from);
  };

  const visible = (actor: Actor, sessionId: string | undefined, notFound: string): string => {
    if (!sessionId || !access.visible(actor, sessionId, 'sessions:manage'))
      throw new HttpError(404, notFound);
    return sessionId;
  };

  const routes: Array<{
    method: string;
    pattern: RegExp;
    handle: (actor: Actor, match: RegExpMatchArray, req: IncomingMessage) => Promise<unknown>;
  }> = [
    {
      method: 'POST',
      pattern: /^\/api\/sandbox\/scan$/,
      async handle(actor, _m, req) {
        const body = await readJson(req, BODY_LIMIT);
        const qr = text(body, 'qr', 2000);
        const phone = normalisePhone(text(body, 'phone', 40));
        visible(
          actor,
          network.sessionIdForQr(qr),
          'Unknown QR code: it was never shown by a session you can see',
        );
        return network.scan(qr, phone);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sandbox\/pair$/,
      async handle(actor, _m, req) {
        const body = await readJson(req, BODY_LIMIT);
        const code = text(body, 'code', 20).replace(/[\s-]/g, '').toUpperCase();
        const phone = normalisePhone(text(body, 'phone', 40));
        visible(actor, network.sessionIdForPairingCode(code), 'Unknown pairing code');
        return network.pair(code, phone);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sandbox\/inbound$/,
      async handle(actor, _m, req) {
        const body = await readJson(req, INBOUND_BODY_LIMIT);
        const from = normalisePhone(text(body, 'from', 40), 'Sender');
        const to = normalisePhone(text(body, 'to', 40), 'Recipient');
        const content = phoneContent(body);
        visible(actor, network.sessionIdForPhone(to), `No connected sandbox session has the number ${to}`);
        return network.inbound(from, to, content);
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/sandbox\/phones\/([^/]+)\/messages$/,
      async handle(actor, match) {
        const phone = normalisePhone(decodePath(match[1] ?? ''));
        return network.phoneMessages(phone).filter(readableBy(actor));
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/sandbox\/phones\/([^/]+)\/messages\/([^/]+)\/media$/,
      async handle(actor, match) {
        const phone = normalisePhone(decodePath(match[1] ?? ''));
        const id = decodePath(match[2] ?? '');
        const message = network.phoneMessages(phone).find((m) => m.id === id);
        if (!message?.media || !readableBy(actor)(message))
          throw new HttpError(404, `Phone ${phone} received no file in message ${id}`);
        return new FileAnswer(network.phoneFile(phone, id).data, message.media.mimetype);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sandbox\/phones\/([^/]+)\/report$/,
      async handle(actor, match, req) {
        const body = await readJson(req, BODY_LIMIT);
        const reporter = normalisePhone(decodePath(match[1] ?? ''), 'Reporting phone');
        const account = normalisePhone(text(body, 'account', 40), 'Account');
        visible(
          actor,
          network.sessionIdForPhone(account),
          `No connected sandbox session has the number ${account}`,
        );
        return network.report(reporter, account);
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/sandbox\/sessions\/([^/]+)\/standing$/,
      async handle(actor, match) {
        const id = visible(actor, match[1], `Session ${match[1]} not found`);
        const phone = access.visible(actor, id, 'sessions:manage')?.phone;
        if (!phone) throw new HttpError(409, `Session ${id} is not linked to a phone`);
        return { phone, ...network.standing(phone) };
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sandbox\/sessions\/([^/]+)\/drop$/,
      async handle(actor, match, req) {
        const body = await readJson(req, BODY_LIMIT);
        const offlineMs = body.offlineMs === undefined ? 0 : Number(body.offlineMs);
        if (!Number.isInteger(offlineMs) || offlineMs < 0 || offlineMs > 3_600_000) {
          throw new HttpError(400, '"offlineMs" must be a whole number of milliseconds up to 3600000');
        }
        const id = visible(actor, match[1], `Session ${match[1]} not found`);
        network.drop(id, offlineMs);
        return { ok: true };
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sandbox\/sessions\/([^/]+)\/limit$/,
      async handle(actor, match, req) {
        const id = visible(actor, match[1], `Session ${match[1]} not found`);
        const body = await readJson(req, BODY_LIMIT);
        const forMs = body.forMs;
        if (typeof forMs !== 'number' || !Number.isInteger(forMs) || forMs < 0 || forMs > LIMIT_MAX_MS) {
          throw new HttpError(
            400,
            `"forMs" is required: how long WhatsApp limits the account, in whole milliseconds up to ${LIMIT_MAX_MS} (0 lifts it)`,
          );
        }
        return network.limit(id, forMs);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sandbox\/sessions\/([^/]+)\/fail-next-send$/,
      async handle(actor, match) {
        const id = visible(actor, match[1], `Session ${match[1]} not found`);
        network.failNextSend(id);
        return { ok: true };
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sandbox\/sessions\/([^/]+)\/unlink$/,
      async handle(actor, match) {
        const id = visible(actor, match[1], `Session ${match[1]} not found`);
        network.unlink(id);
        return { ok: true };
      },
    },
  ];

  /** Names the session a phone is linked to only to someone who may see that session. */
  const sandboxMessage = (error: SandboxError, actor: Actor | null): string =>
    error.linkedTo &&
    actor &&
    hasScope(actor, 'sessions:read') &&
    access.visible(actor, error.linkedTo, 'sessions:read')
      ? `${error.message}: ${error.linkedTo}`
      : error.message;

  return async (req: IncomingMessage, res: ServerResponse, actor: Actor | null): Promise<void> => {
    try {
      const pathname = requestPath(req);
      const candidates = routes.filter((r) => r.pattern.test(pathname));
      if (candidates.length === 0) throw new HttpError(404, `No sandbox endpoint at ${pathname}`);
      const route = candidates.find((r) => r.method === req.method);
      if (!route)
        throw new HttpError(405, `Use ${candidates.map((r) => r.method).join(' or ')} for ${pathname}`);
      if (!actor) throw new HttpError(401, 'Sign in first: the sandbox control API needs a logged-in user');
      const match = pathname.match(route.pattern)!;
      const answer = await route.handle(actor, match, req);
      if (answer instanceof FileAnswer) answer.send(res);
      else sendJson(res, 200, answer);
    } catch (error) {
      if (error instanceof HttpError) sendJson(res, error.status, { error: error.message });
      else if (error instanceof SandboxError)
        sendJson(res, error.status, { error: sandboxMessage(error, actor) });
      else if (error instanceof AppError) sendJson(res, HTTP_STATUS[error.code], { error: error.message });
      else throw error;
    }
  };
}
