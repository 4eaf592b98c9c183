import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  callRoute,
  createContextInner,
  type QueryKind,
  type RestRoute,
  restErrorOf,
  restRoutes,
} from '@switchboard/api';
import type { Services } from '@switchboard/core';
import type { TRPCError } from '@trpc/server';
import QRCode from 'qrcode';
import { clientIp } from './client-ip.ts';
import { credentialOf } from './credentials.ts';
import { HttpError, readJson, sendJson } from './json.ts';
import { decodePath } from './request-path.ts';

const QR_PNG = /^\/v1\/sessions\/([^/]+)\/qr\.png$/;

/** A query string carries text; the input's numbers and booleans are read from it, anything else stays text. */
function fromQuery(search: URLSearchParams, kinds: Record<string, QueryKind>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const name of new Set(search.keys())) {
    const values = search.getAll(name);
    if (values.length > 1)
      throw new HttpError(400, `"${name}" is given ${values.length} times: give it once`);
    const value = values[0] ?? '';
    // An empty value is an absent one (`?cursor=`), as HTML forms and most clients mean it.
    if (value === '') continue;
    const kind = kinds[name];
    fields[name] =
      kind === 'number' && /^-?\d+(\.\d+)?$/.test(value)
        ? Number(value)
        : kind === 'boolean' && (value === 'true' || value === 'false')
          ? value === 'true'
          : value;
  }
  return fields;
}

const hasBody = (req: IncomingMessage) =>
  Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;

/** The procedure's input: path parameters, then the query (GET, DELETE) or JSON body, then mapped headers. */
async function inputOf(
  req: IncomingMessage,
  route: RestRoute,
  path: Record<string, string>,
  bodyLimit: number,
): Promise<unknown> {
  if (!route.takesInput) return undefined;
  let fields: Record<string, unknown>;
  if (route.method === 'GET' || route.method === 'DELETE') {
    fields = fromQuery(new URL(req.url ?? '/', 'http://x').searchParams, route.queryKinds);
  } else if (hasBody(req)) {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      throw new HttpError(415, 'Send the body as JSON, with Content-Type: application/json');
    fields = await readJson(req, bodyLimit);
  } else {
    fields = {};
  }
  for (const [header, field] of route.headerFields) {
    const value = req.headers[header];
    if (typeof value !== 'string') continue;
    if (fields[field] !== undefined && fields[field] !== value)
      throw new HttpError(400, `The ${header} header and the "${field}" field differ: send it once`);
    fields[field] = value;
  }
  for (const [name, value] of Object.entries(path)) fields[name] = decodePath(value);
  return fields;
}

/**
 * The REST API under `/api/v1`: each request becomes a call of the procedure its route names — through the
 * same middleware (who is asking, the key's rate limit, scopes) and schemas as a tRPC call — and each
 * error the shared `{ code, message }` body with the status REST clients expect. Also serves the QR code
 * as a PNG, from the same procedure.
 */
export function restApi(deps: {
  services: Services;
  trustProxy: number;
  bodyLimit: number;
  onError: (opts: { error: TRPCError; path: string | undefined }) => void;
}) {
  const routes = restRoutes();
  const qrRoute = routes.find((r) => r.procedure === 'sessions.qr');

  const call = (req: IncomingMessage, route: RestRoute, input: unknown) =>
    callRoute(
      route,
      createContextInner({
        services: deps.services,
        credential: credentialOf(req),
        transport: 'http',
        ip: clientIp(req, deps.trustProxy),
        userAgent: req.headers['user-agent'] ?? null,
      }),
      input,
    );

  /** Answers a request for `path` (below `/api`, still percent-encoded). */
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const qr = QR_PNG.exec(path);
    const candidates = qr ? [] : routes.filter((r) => r.pattern.test(path));
    const route = qr ? qrRoute : candidates.find((r) => r.method === req.method);
    if (!route || (qr && req.method !== 'GET')) {
      if (candidates.length === 0 && !qr)
        throw new HttpError(404, `No endpoint at ${req.method} /api${path}`);
      const allowed = qr ? ['GET'] : candidates.map((r) => r.method);
      res.setHeader('Allow', allowed.join(', '));
      throw new HttpError(405, `Use ${allowed.join(' or ')} for /api${path}`);
    }
    try {
      if (qr) {
        const code = (await call(req, route, { id: decodePath(qr[1] ?? '') })) as { qr: string };
        const png = await QRCode.toBuffer(code.qr, { type: 'png', width: 512, margin: 2 });
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
        res.end(png);
        return;
      }
      const params = route.pattern.exec(path)?.groups ?? {};
      sendJson(res, 200, await call(req, route, await inputOf(req, route, params, deps.bodyLimit)));
    } catch (thrown) {
      if (thrown instanceof HttpError) throw thrown;
      const answer = restErrorOf(thrown);
      deps.onError({ error: answer.error, path: route.procedure });
      if (answer.body.retryAfterSeconds !== undefined)
        res.setHeader('Retry-After', String(answer.body.retryAfterSeconds));
      sendJson(res, answer.status, answer.body);
    }
  };
}
