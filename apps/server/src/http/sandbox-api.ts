import type { IncomingMessage, ServerResponse } from 'node:http';
import { restErrorOf, schemas } from '@switchboard/api';
import {
  type Actor,
  hasScope,
  isAdmin,
  normalisePhone,
  requireScope,
  type Services,
} from '@switchboard/core';
import { type PhoneContent, SandboxError, type SandboxNetwork } from '@switchboard/engines/sandbox';
import { CAPTION_MAX_LENGTH } from '@switchboard/validators';
import type { z } from 'zod';
import { requireActor } from './credentials.ts';
import { HttpError, readJson, sendError, sendJson } from './json.ts';
import { decodePath } from './request-path.ts';

const BODY_LIMIT = 128 * 1024;
/** Inbound messages may carry a file in base64: files up to about 24 MB. */
const INBOUND_BODY_LIMIT = 32 * 1024 * 1024;

/** The request's JSON body, checked against the route's schema (a 400 naming each bad field otherwise). */
const bodyOf = async <T extends z.ZodType>(
  req: IncomingMessage,
  schema: T,
  limit = BODY_LIMIT,
): Promise<z.infer<T>> => schema.parse(await readJson(req, limit));

/**
 * What a virtual phone sends: `text`, or `media: { type, data (base64), mimetype?, filename? }` with the text
 * as its caption, or `location: { latitude, longitude, name?, address? }`.
 */
function phoneContent(body: z.infer<typeof schemas.sandboxInboundInput>): PhoneContent {
  const { text, media, location } = body;
  if (media && location) throw new HttpError(400, 'Send "media" or "location", not both');
  if (media) {
    if (text && text.length > CAPTION_MAX_LENGTH)
      throw new HttpError(400, `"text" (the caption) must be at most ${CAPTION_MAX_LENGTH} characters`);
    const data = Buffer.from(media.data, 'base64');
    if (data.length === 0) throw new HttpError(400, '"media.data" must be the file in base64');
    const { mimetype, filename } = media;
    return {
      text: text ?? '',
      media: { kind: media.type, data, ...(mimetype ? { mimetype } : {}), ...(filename ? { filename } : {}) },
    };
  }
  if (location) {
    const { latitude, longitude, name, address } = location;
    return {
      text: '',
      location: { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) },
    };
  }
  if (!text)
    throw new HttpError(400, '"text" is required: the message, unless it carries "media" or "location"');
  return { text };
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
 * network. Authenticated like the rest of the API (a sign-in or an API key); a session the caller may not
 * see answers 404, exactly like one that does not exist. Errors are the API's `{ code, message }`.
 */
export function sandboxApi(services: Services, network: SandboxNetwork) {
  const { access } = services;

  /**
   * Admins read every phone's inbox; operators (and keys limited to some sessions) only what their own
   * accounts sent.
   */
  const readableBy = (actor: Actor): ((message: { from: string }) => boolean) => {
    requireScope(actor, 'messages:read');
    if (isAdmin(actor)) return () => true;
    const own = new Set(access.accounts(actor, 'messages:read').map((a) => a.phone));
    return (message) => own.has(message.from);
  };

  /**
   * Maps a control request to the session it acts on and checks the caller may manage that session: what a
   * virtual phone does (scan, pair, drop, unlink) changes the session's state.
   */

  const visible = (actor: Actor, sessionId: string | undefined, notFound: string): string => {
    if (!sessionId || !access.visible(actor, sessionId, 'sessions:manage'))
      throw new HttpError(404, notFound);
    return sessionId;
  };

  const routes: Array<{
    method: string;
    pattern: RegExp;
    handle: (actor: Actor, match: readonly (string | undefined)[], req: IncomingMessage) => Promise<unknown>;
  }> = [
    {
      method: 'POST',
      pattern: /^\/sandbox\/scan$/,
      async handle(actor, _m, req) {
        const body = await bodyOf(req, schemas.sandboxScanInput);
        const phone = normalisePhone(body.phone);
        visible(
          actor,
          network.sessionIdForQr(body.qr),
          'Unknown QR code: it was never shown by a session you can see',
        );
        return network.scan(body.qr, phone);
      },
    },
    {
      method: 'POST',
      pattern: /^\/sandbox\/pair$/,
      async handle(actor, _m, req) {
        const body = await bodyOf(req, schemas.sandboxPairInput);
        const code = body.code.replace(/[\s-]/g, '').toUpperCase();
        const phone = normalisePhone(body.phone);
        visible(actor, network.sessionIdForPairingCode(code), 'Unknown pairing code');
        return network.pair(code, phone);
      },
    },
    {
      method: 'POST',
      pattern: /^\/sandbox\/inbound$/,
      async handle(actor, _m, req) {
        const body = await bodyOf(req, schemas.sandboxInboundInput, INBOUND_BODY_LIMIT);
        const from = normalisePhone(body.from, 'Sender');
        const to = normalisePhone(body.to, 'Recipient');
        const content = phoneContent(body);
        visible(actor, network.sessionIdForPhone(to), `No connected sandbox session has the number ${to}`);
        return network.inbound(from, to, content);
      },
    },
    {
      method: 'GET',
      pattern: /^\/sandbox\/phones$/,
      async handle(actor) {
        // Each phone with what the caller may read of its inbox; phones with nothing readable are left out.
        const readable = readableBy(actor);
        return network
          .phones()
          .map(({ phone, name, messages }) => ({ phone, name, messages: messages.filter(readable) }))
          .filter((p) => p.messages.length > 0)
          .map(({ phone, name, messages }) => ({
            phone,
            name,
            received: messages.length,
            lastAt: Math.max(...messages.map((m) => m.at)),
          }))
          .sort((a, b) => b.lastAt - a.lastAt);
      },
    },
    {
      method: 'GET',
      pattern: /^\/sandbox\/phones\/([^/]+)\/messages$/,
      async handle(actor, match) {
        const phone = normalisePhone(decodePath(match[1] ?? ''));
        return network.phoneMessages(phone).filter(readableBy(actor));
      },
    },
    {
      method: 'GET',
      pattern: /^\/sandbox\/phones\/([^/]+)\/messages\/([^/]+)\/media$/,
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
      pattern: /^\/sandbox\/phones\/([^/]+)\/report$/,
      async handle(actor, match, req) {
        const body = await bodyOf(req, schemas.sandboxReportInput);
        const reporter = normalisePhone(decodePath(match[1] ?? ''), 'Reporting phone');
        const account = normalisePhone(body.account, 'Account');
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
      pattern: /^\/sandbox\/sessions\/([^/]+)\/standing$/,
      async handle(actor, match) {
        const id = visible(actor, match[1], `Session ${match[1]} not found`);
        const phone = access.visible(actor, id, 'sessions:manage')?.phone;
        if (!phone) throw new HttpError(409, `Session ${id} is not linked to a phone`);
        return { phone, ...network.standing(phone) };
      },
    },
    {
      method: 'POST',
      pattern: /^\/sandbox\/sessions\/([^/]+)\/drop$/,
      async handle(actor, match, req) {
        const body = await bodyOf(req, schemas.sandboxDropInput);
        const id = visible(actor, match[1], `Session ${match[1]} not found`);
        network.drop(id, body.offlineMs ?? 0);
        return { ok: true };
      },
    },
    {
      method: 'POST',
      pattern: /^\/sandbox\/sessions\/([^/]+)\/limit$/,
      async handle(actor, match, req) {
        const id = visible(actor, match[1], `Session ${match[1]} not found`);
        const body = await bodyOf(req, schemas.sandboxLimitInput);
        return network.limit(id, body.forMs);
      },
    },
    {
      method: 'POST',
      pattern: /^\/sandbox\/sessions\/([^/]+)\/fail-next-send$/,
      async handle(actor, match) {
        const id = visible(actor, match[1], `Session ${match[1]} not found`);
        network.failNextSend(id);
        return { ok: true };
      },
    },
    {
      method: 'POST',
      pattern: /^\/sandbox\/sessions\/([^/]+)\/unlink$/,
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

  /** Answers a request for `path` (below `/api`, still percent-encoded). */
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const candidates = routes.filter((r) => r.pattern.test(path));
    if (candidates.length === 0) throw new HttpError(404, `No sandbox endpoint at /api${path}`);
    const route = candidates.find((r) => r.method === req.method);
    if (!route)
      throw new HttpError(405, `Use ${candidates.map((r) => r.method).join(' or ')} for /api${path}`);
    let actor: Actor | null = null;
    try {
      actor = requireActor(services, req, 'the sandbox control API');
      const answer = await route.handle(actor, path.match(route.pattern) ?? [], req);
      if (answer instanceof FileAnswer) answer.send(res);
      else sendJson(res, 200, answer);
    } catch (error) {
      if (error instanceof HttpError) throw error;
      if (error instanceof SandboxError) return sendError(res, error.status, sandboxMessage(error, actor));
      const answer = restErrorOf(error);
      if (answer.error.code === 'INTERNAL_SERVER_ERROR') throw error;
      if (answer.body.retryAfterSeconds !== undefined)
        res.setHeader('Retry-After', String(answer.body.retryAfterSeconds));
      sendJson(res, answer.status, answer.body);
    }
  };
}
