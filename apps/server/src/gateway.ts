import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { appRouter, createContextInner, errorRef, internalErrorMessage } from '@switchboard/api';
import { createServices, type Logger, type PublicUser, type Services, userActor } from '@switchboard/core';
import { openDatabase } from '@switchboard/db';
import type { SandboxNetwork } from '@switchboard/engines/sandbox';
import type { TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import { createEngines } from './engines.ts';
import type { Env } from './env.ts';
import { clientIp } from './http/client-ip.ts';
import { cookieJar, readSessionToken } from './http/cookies.ts';
import { hostCheck } from './http/host-check.ts';
import { HttpError, sendJson } from './http/json.ts';
import { decodePath, requestPath } from './http/request-path.ts';
import { sandboxApi } from './http/sandbox-api.ts';
import { setSecurityHeaders } from './http/security-headers.ts';
import { staticFiles } from './http/static-files.ts';

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
const TRPC_BODY_LIMIT = 1024 * 1024;

/** The composition root: database, engines, services, and one HTTP port for the API, WebSocket and dashboard. */
export async function startGateway(
  env: Env,
  log: Logger,
  options: { webRoot?: string } = {},
): Promise<Gateway> {
  mkdirSync(join(env.DATA_DIR, 'sessions'), { recursive: true });
  const db = openDatabase(join(env.DATA_DIR, 'switchboard.db'));
  const engines = createEngines(env);
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
      maxTextLength: env.MESSAGE_MAX_LENGTH,
      sendTimeoutMs: env.SEND_TIMEOUT_MS,
      loginTtlMs: env.LOGIN_TTL_DAYS * 24 * 60 * 60 * 1000,
      loginWindowMs: env.LOGIN_WINDOW_MINUTES * 60 * 1000,
      loginMaxAttemptsPerIp: env.LOGIN_MAX_ATTEMPTS_PER_IP,
      loginMaxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      loginMaxFailuresAcrossIps: env.LOGIN_MAX_FAILURES_ACROSS_IPS,
      webhooks: {
        retryScheduleMs: env.WEBHOOK_RETRY_SCHEDULE_MS,
        timeoutMs: env.WEBHOOK_TIMEOUT_MS,
        blockPrivate: env.WEBHOOK_BLOCK_PRIVATE,
        privateForOperators: env.WEBHOOK_PRIVATE_FOR_OPERATORS,
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

  const userOf = (req: IncomingMessage): { user: PublicUser | null; token: string | null } => {
    const token = readSessionToken(req);
    return { token, user: token ? services.auth.userForToken(token) : null };
  };

  const logInternal = ({ error, path }: { error: TRPCError; path: string | undefined }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR')
      log.error('procedure failed', { path, ref: errorRef(error), error: error.cause ?? error });
  };
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: TRPC_BODY_LIMIT,
    createContext: ({ req, res }) =>
      createContextInner({
        services,
        ...userOf(req),
        ip: clientIp(req, env.TRUST_PROXY),
        userAgent: req.headers['user-agent'] ?? null,
        cookies: cookieJar(res, env.COOKIE_SECURE),
      }),
    onError: logInternal,
  });
  const sandbox = engines.sandbox ? sandboxApi(services, engines.sandbox) : null;
  const hosts = hostCheck(env);
  const spa = staticFiles(options.webRoot ?? DEFAULT_WEB_ROOT);
  let closing = false;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const pathname = requestPath(req);
    // Refused here once for every route: tRPC decodes the path itself and would call broken encoding a 500.
    decodePath(pathname);
    if (pathname === '/health')
      return sendJson(res, closing ? 503 : 200, { status: closing ? 'stopping' : 'ok' });
    // After /health, which monitors may ask by any name and which says nothing.
    const wrongHost = hosts.refusal(req);
    if (wrongHost) return sendJson(res, req.headers.host ? 421 : 400, { error: wrongHost });
    if (pathname.startsWith('/trpc/')) {
      if (closing) return sendJson(res, 503, { error: 'The server is shutting down' });
      return trpc(req, res);
    }
    if (pathname.startsWith('/api/sandbox/')) {
      if (!sandbox)
        return sendJson(res, 404, {
          error: 'The sandbox is disabled on this server (SANDBOX_ENABLED=false)',
        });
      const { user } = userOf(req);
      return sandbox(req, res, user ? userActor(user) : null);
    }
    if (pathname.startsWith('/api/')) return sendJson(res, 404, { error: `No endpoint at ${pathname}` });
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, { error: 'Method not allowed' });
    setSecurityHeaders(res, 'dashboard');
    return spa(req, res);
  };

  const server = createServer((req, res) => {
    // Every answer is an API answer until it turns out to be the dashboard.
    setSecurityHeaders(res, 'api');
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpError && !res.headersSent)
        return sendJson(res, error.status, { error: error.message });
      const ref = errorRef(error instanceof Error ? error : new Error(String(error)));
      log.error('request failed', { url: req.url, ref, error });
      if (!res.headersSent) sendJson(res, 500, { error: internalErrorMessage(ref) });
      else res.destroy();
    });
  });

  // WebSocket: one endpoint, authenticated from the login cookie before the upgrade is accepted.
  const wss = new WebSocketServer({ noServer: true, maxPayload: TRPC_BODY_LIMIT });
  const wsHandler = applyWSSHandler({
    wss,
    router: appRouter,
    createContext: ({ req }) =>
      createContextInner({
        services,
        ...userOf(req),
        ip: clientIp(req, env.TRUST_PROXY),
        userAgent: req.headers['user-agent'] ?? null,
      }),
    onError: logInternal,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 10_000 },
  });
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const reject = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const pathname = URL.parse(req.url ?? '/', 'http://x')?.pathname;
    if (pathname !== '/trpc' && pathname !== '/trpc/') return reject(404, 'Not Found');
    if (closing) return reject(503, 'Service Unavailable');
    if (hosts.refusal(req)) return reject(421, 'Misdirected Request');
    // Browsers send cookies with cross-site WebSocket handshakes too; only our own pages may connect.
    // An Origin that is not a URL ("null" from sandboxed frames) is foreign.
    if (req.headers.origin !== undefined && !hosts.sameOrigin(req, env.TRUST_PROXY))
      return reject(403, 'Forbidden');
    if (!userOf(req).user) return reject(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', (req, socket, head) => {
    try {
      upgrade(req, socket, head);
    } catch (error) {
      log.warn('WebSocket upgrade failed', { error });
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST;
  const url = `http://${host}:${port}`;

  // Background work starts once the port is ours: pending webhook deliveries go out again, sessions left
  // running are restored. Its synchronous steps (sends interrupted by the last run marked failed) finish
  // before the first request is read, since nothing here yields to I/O before them.
  await services.lifecycle.start();

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      closing = true;
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      wsHandler.broadcastReconnectNotification();
      await services.lifecycle.stop();
      for (const client of wss.clients) client.close(1012, 'Server restarting');
      wss.close();
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 2000).unref();
      await httpClosed;
      db.$client.close();
    })();
    return closed;
  };

  return { url, port, services, sandbox: engines.sandbox, close };
}
