import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  appRouter,
  createContextInner,
  errorRef,
  internalErrorMessage,
  openApiDocument,
  retryAfterOf,
} from '@switchboard/api';
import { createServices, type Logger, type Services } from '@switchboard/core';
import { Checkpointer, openDatabase } from '@switchboard/db';
import type { SandboxNetwork } from '@switchboard/engines/sandbox';
import type { TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { lockDataDir } from './data-dir-lock.ts';
import { createEngines } from './engines.ts';
import { type Env, mediaLimits } from './env.ts';
import { apiDocs } from './http/api-docs.ts';
import { batchRefusal } from './http/batch-limit.ts';
import { clientIp } from './http/client-ip.ts';
import { cookieJar } from './http/cookies.ts';
import { credentialOf, isCookieWrite } from './http/credentials.ts';
import { hostCheck } from './http/host-check.ts';
import { HttpError, sendError, sendJson } from './http/json.ts';
import { mediaApi } from './http/media-api.ts';
import { decodePath, requestPath } from './http/request-path.ts';
import { restApi } from './http/rest-api.ts';
import { sandboxApi } from './http/sandbox-api.ts';
import { setSecurityHeaders } from './http/security-headers.ts';
import { staticFiles } from './http/static-files.ts';
import { singleMutations } from './http/trpc-single.ts';
import { liveSockets } from './ws/live-sockets.ts';

export interface Gateway {
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  services: Services;
  sandbox: SandboxNetwork | null;
  /** Graceful stop: refuse new work, stop every engine, tell WS clients to reconnect, close the database. */
  close(): Promise<void>;
}

const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));
/** The REST API's version, as the OpenAPI document states it; `/api/v1` changes only compatibly. */
const API_VERSION = '1.0.0';
const TRPC_BODY_LIMIT = 1024 * 1024;
const HOUR_MS = 60 * 60 * 1000;

/**
 * The composition root: database, engines, services, and one HTTP port for the API, WebSocket and dashboard
 * — for one server per data folder (DataDirInUseError while another holds it).
 */
export async function startGateway(
  env: Env,
  log: Logger,
  options: { webRoot?: string } = {},
): Promise<Gateway> {
  mkdirSync(env.DATA_DIR, { recursive: true });
  const lock = lockDataDir(env.DATA_DIR);
  try {
    const gateway = await serve(env, log, options);
    return { ...gateway, close: () => gateway.close().finally(() => lock.release()) };
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function serve(env: Env, log: Logger, options: { webRoot?: string }): Promise<Gateway> {
  mkdirSync(join(env.DATA_DIR, 'sessions'), { recursive: true });
  const dbPath = join(env.DATA_DIR, 'switchboard.db');
  const db = openDatabase(dbPath);
  const checkpointer = Checkpointer.start(db, dbPath);
  const engines = createEngines(env);
  // Known once the port is ours (it may be chosen by the system); links are only signed after that.
  let publicUrl = env.PUBLIC_URL ?? '';
  const services = createServices({
    db,
    engines: engines.registry,
    log,
    config: {
      sessionsDir: join(env.DATA_DIR, 'sessions'),
      maxSessions: env.MAX_SESSIONS,
      maxSessionsPerUser: env.MAX_SESSIONS_PER_USER,
      startTimeoutMs: env.SESSION_START_TIMEOUT_MS,
      stopTimeoutMs: env.SESSION_STOP_TIMEOUT_MS,
      reconnectBaseMs: env.RECONNECT_BASE_MS,
      reconnectMaxMs: env.RECONNECT_MAX_MS,
      history: {
        retentionMs: env.HISTORY_RETENTION_DAYS * 24 * HOUR_MS,
        maxPerSession: env.HISTORY_MAX_PER_SESSION,
      },
      maxTextLength: env.MESSAGE_MAX_LENGTH,
      sendTimeoutMs: env.SEND_TIMEOUT_MS,
      campaignMaxRecipients: env.CAMPAIGN_MAX_RECIPIENTS,
      loginTtlMs: env.LOGIN_TTL_DAYS * 24 * 60 * 60 * 1000,
      loginWindowMs: env.LOGIN_WINDOW_MINUTES * 60 * 1000,
      loginMaxAttemptsPerIp: env.LOGIN_MAX_ATTEMPTS_PER_IP,
      loginMaxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      loginMaxFailuresAcrossIps: env.LOGIN_MAX_FAILURES_ACROSS_IPS,
      apiKeyRequestsPerMinute: env.API_KEY_REQUESTS_PER_MINUTE,
      webhooks: {
        retryScheduleMs: env.WEBHOOK_RETRY_SCHEDULE_MS,
        timeoutMs: env.WEBHOOK_TIMEOUT_MS,
        blockPrivate: env.WEBHOOK_BLOCK_PRIVATE,
        privateForOperators: env.WEBHOOK_PRIVATE_FOR_OPERATORS,
        threads: env.WEBHOOK_THREADS,
      },
      media: {
        dir: join(env.DATA_DIR, 'media'),
        limits: mediaLimits(env),
        retentionMs: env.MEDIA_RETENTION_DAYS * 24 * HOUR_MS,
        maxTotalBytes: env.MEDIA_MAX_TOTAL_MB * 1024 * 1024,
        fetchTimeoutMs: env.MEDIA_FETCH_TIMEOUT_MS,
        fetchPrivate: env.MEDIA_FETCH_PRIVATE,
        linkTtlMs: env.MEDIA_LINK_TTL_HOURS * HOUR_MS,
        publicUrl: () => publicUrl,
      },
    },
  });

  if (
    env.ADMIN_EMAIL &&
    env.ADMIN_PASSWORD &&
    (await services.users.ensureAdmin(env.ADMIN_EMAIL, env.ADMIN_PASSWORD))
  ) {
    log.info('created the first admin from ADMIN_EMAIL', { email: env.ADMIN_EMAIL });
  }

  const logInternal = ({ error, path }: { error: TRPCError; path: string | undefined }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR')
      log.error('procedure failed', { path, ref: errorRef(error), error: error.cause ?? error });
    else if (error.code === 'SERVICE_UNAVAILABLE') log.warn('procedure could not write', { path, error });
  };
  const trpcContext = (req: IncomingMessage, res: ServerResponse) =>
    createContextInner({
      services,
      credential: credentialOf(req),
      transport: 'http',
      ip: clientIp(req, env.TRUST_PROXY),
      userAgent: req.headers['user-agent'] ?? null,
      cookies: cookieJar(res, env.COOKIE_SECURE),
    });
  const mutation = singleMutations({
    createContext: trpcContext,
    bodyLimit: TRPC_BODY_LIMIT,
    onError: logInternal,
  });
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: TRPC_BODY_LIMIT,
    createContext: ({ req, res }) => trpcContext(req, res),
    onError: logInternal,
    // A refusal that says when to try again says it the way HTTP clients read it too.
    responseMeta: ({ errors }) => {
      const wait = errors.map(retryAfterOf).find((seconds) => seconds !== null);
      return wait ? { headers: { 'Retry-After': String(wait) } } : {};
    },
  });
  const rest = restApi({
    services,
    trustProxy: env.TRUST_PROXY,
    bodyLimit: TRPC_BODY_LIMIT,
    onError: logInternal,
  });
  const docs = apiDocs(openApiDocument({ sandbox: engines.sandbox !== null, version: API_VERSION }));
  const sandbox = engines.sandbox ? sandboxApi(services, engines.sandbox) : null;
  const media = mediaApi(services);
  const hosts = hostCheck(env);
  const spa = staticFiles(options.webRoot ?? DEFAULT_WEB_ROOT);
  let closing = false;

  /** Public, so it says no more than whether this server can do its work, and if not, why. */
  const health = (res: ServerResponse) => {
    if (closing) return sendJson(res, 503, { status: 'stopping' });
    const problem = services.database.problem();
    if (problem) return sendJson(res, 503, { status: 'unavailable', reason: problem });
    sendJson(res, 200, { status: 'ok' });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const pathname = requestPath(req);
    // Refused here once for every route: tRPC decodes the path itself and would call broken encoding a 500.
    decodePath(pathname);
    if (pathname === '/health') return health(res);
    // After /health, which monitors may ask by any name and which says nothing.
    const wrongHost = hosts.refusal(req);
    if (wrongHost) return sendError(res, req.headers.host ? 421 : 400, wrongHost);
    if (pathname.startsWith('/trpc/')) {
      if (closing) return sendError(res, 503, 'The server is shutting down');
      const tooMany = batchRefusal(req, pathname);
      // Shaped like tRPC's own errors, so its clients read the message.
      if (tooMany)
        return sendJson(res, 400, {
          error: { message: tooMany, code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400 } },
        });
      if (await mutation(req, res, pathname)) return;
      return trpc(req, res);
    }
    if (pathname.startsWith('/api/')) {
      const path = pathname.slice('/api'.length);
      if (docs(req, res, path)) return;
      // An Origin that is not a URL ("null" from sandboxed frames) is foreign, as on the WebSocket.
      if (isCookieWrite(req) && req.headers.origin !== undefined && !hosts.sameOrigin(req, env.TRUST_PROXY))
        return sendError(
          res,
          403,
          'The login cookie signs in only requests from this site’s own pages: other systems use an API key',
        );
      if (path.startsWith('/v1/')) {
        if (closing) return sendError(res, 503, 'The server is shutting down');
        // Files are streamed, not JSON: their two plain routes come before the procedures' REST handler.
        if (path === '/v1/media' || path.startsWith('/v1/media/')) return media(req, res, path);
        return rest(req, res, path);
      }
      if (!path.startsWith('/sandbox/')) return sendError(res, 404, `No endpoint at ${pathname}`);
      if (!sandbox)
        return sendError(res, 404, 'The sandbox is disabled on this server (SANDBOX_ENABLED=false)');
      return sandbox(req, res, path);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'Method not allowed');
    setSecurityHeaders(res, 'dashboard');
    return spa(req, res);
  };

  const server = createServer((req, res) => {
    // Every answer is an API answer until it turns out to be the dashboard.
    setSecurityHeaders(res, 'api');
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpError && !res.headersSent) return sendError(res, error.status, error.message);
      const ref = errorRef(error instanceof Error ? error : new Error(String(error)));
      // The path only: a query string may carry personal data, and is no help in finding the bug.
      log.error('request failed', {
        method: req.method,
        path: URL.parse(req.url ?? '/', 'http://x')?.pathname,
        ref,
        error,
      });
      if (!res.headersSent)
        sendJson(res, 500, { code: 'INTERNAL_SERVER_ERROR', message: internalErrorMessage(ref), ref });
      else res.destroy();
    });
  });

  const live = liveSockets({ env, services, hosts, maxPayload: TRPC_BODY_LIMIT, onError: logInternal });
  server.on('upgrade', (req, socket, head) => {
    try {
      live.upgrade(req, socket, head);
    } catch (error) {
      log.warn('WebSocket upgrade failed', { error });
      socket.destroy();
    }
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(env.PORT, env.HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // The port is taken, say: nothing has started yet, so the database and the files it opened are
    // closed again, and another start (this process or the next) finds the data folder as it was.
    engines.sandbox?.close();
    live.close();
    await checkpointer.stop();
    db.$client.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST;
  const url = `http://${host}:${port}`;
  publicUrl = env.PUBLIC_URL ?? url;

  // Background work starts once the port is ours: pending webhook deliveries go out again, sessions left
  // running are restored. Its synchronous steps (sends interrupted by the last run marked failed) finish
  // before the first request is read, since nothing here yields to I/O before them.
  await services.lifecycle.start();

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      closing = true;
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      live.announceRestart();
      await services.lifecycle.stop();
      // Sessions are stopped: nothing more reaches a virtual phone, so the network's log can be closed.
      engines.sandbox?.close();
      live.close();
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 2000).unref();
      await httpClosed;
      await checkpointer.stop();
      db.$client.close();
    })();
    return closed;
  };

  return { url, port, services, sandbox: engines.sandbox, close };
}
