import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { appRouter, createContextInner, KEY_REFUSED, StreamSlots } from '@switchboard/api';
import { AppError, apiKeyCredential, type Credential, type Identity, type Services } from '@switchboard/core';
import { TRPCError } from '@trpc/server';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Env } from '../env.ts';
import { clientIp } from '../http/client-ip.ts';
import { credentialOf } from '../http/credentials.ts';
import type { hostCheck } from '../http/host-check.ts';
import { CredentialSockets } from './credential-sockets.ts';

/**
 * How long a socket opened without a credential may take to send its connection params (with the API key)
 * before it is closed, and how many such sockets may wait at once: an open door must not hold up memory.
 */
const PARAMS_DEADLINE_MS = 10_000;
const MAX_WAITING_FOR_PARAMS = 100;

/**
 * The WebSocket at /trpc: live streams (subscriptions) for signed-in users of this site and for API keys.
 * A cookie or key header is checked before the upgrade is accepted; a key may instead come in tRPC's
 * connection params (`createWSClient({ connectionParams: { apiKey } })`, which asks with
 * `?connectionParams=1`), checked when they arrive. Each socket holds a bounded number of streams, each
 * credential a bounded number of sockets, and a socket closes when its credential stops working.
 */
export function liveSockets(deps: {
  env: Env;
  services: Services;
  hosts: ReturnType<typeof hostCheck>;
  maxPayload: number;
  onError: (opts: { error: TRPCError; path: string | undefined }) => void;
}) {
  const { env, services, hosts } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.maxPayload });
  const credentials = new CredentialSockets(services.auth, env.MAX_SOCKETS_PER_LOGIN);
  let waitingForParams = 0;

  /** A new request of this credential: who it is now, or null; a key past its rate limit answers false. */
  const authenticate = (credential: Credential): Identity | null | false => {
    try {
      return services.auth.authenticate(credential);
    } catch (error) {
      if (error instanceof AppError && error.code === 'TOO_MANY_REQUESTS') return false;
      throw error;
    }
  };

  /** The credential of a socket that opened without one: the API key in its connection params. */
  const fromParams = (ws: WebSocket, params: Record<string, string | undefined> | null) => {
    const apiKey = params?.apiKey;
    if (!apiKey)
      throw new TRPCError({
        code: 'UNAUTHORIZED',
        message: 'Send an API key in the connection params ({ apiKey: "sbk_…" }), or sign in',
      });
    const credential = apiKeyCredential(apiKey);
    const identity = authenticate(credential);
    if (identity === null) throw new TRPCError({ code: 'UNAUTHORIZED', message: KEY_REFUSED });
    if (identity === false)
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: 'This API key made too many requests: wait a minute',
      });
    if (!credentials.admitOpen(ws, identity, credential))
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `This API key already has ${env.MAX_SOCKETS_PER_LOGIN} live connections open (MAX_SOCKETS_PER_LOGIN): close one first`,
      });
    return credential;
  };

  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    createContext: ({ req, res, info }) =>
      createContextInner({
        services,
        credential: credentialOf(req) ?? fromParams(res, info.connectionParams),
        transport: 'ws',
        streams: new StreamSlots(env.MAX_SUBSCRIPTIONS_PER_SOCKET),
        ip: clientIp(req, env.TRUST_PROXY),
        userAgent: req.headers['user-agent'] ?? null,
      }),
    onError: deps.onError,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 10_000 },
  });
  let closing = false;

  /** Accepts a socket whose key will come in its first message, closing it if none comes in time. */
  const awaitParams = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    waitingForParams += 1;
    let counted = true;
    const settled = () => {
      if (counted) waitingForParams -= 1;
      counted = false;
    };
    socket.once('close', settled);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const deadline = setTimeout(
        () => ws.close(1008, 'No connection params came in time'),
        PARAMS_DEADLINE_MS,
      );
      deadline.unref();
      ws.once('message', () => {
        clearTimeout(deadline);
        settled();
      });
      ws.once('close', () => clearTimeout(deadline));
      wss.emit('connection', ws, req);
    });
  };

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const reject = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = URL.parse(req.url ?? '/', 'http://x');
    if (url?.pathname !== '/trpc' && url?.pathname !== '/trpc/') return reject(404, 'Not Found');
    if (closing) return reject(503, 'Service Unavailable');
    if (hosts.refusal(req)) return reject(421, 'Misdirected Request');
    const credential = credentialOf(req);
    // Browsers send cookies with cross-site WebSocket handshakes too: a socket the cookie signs in is for our
    // own pages only. An Origin that is not a URL ("null" from sandboxed frames) is foreign. A key is no
    // cookie — whoever presents it holds it — so a socket signed in by a key may come from any page.
    if (
      credential?.kind === 'login' &&
      req.headers.origin !== undefined &&
      !hosts.sameOrigin(req, env.TRUST_PROXY)
    )
      return reject(403, 'Forbidden');
    if (!credential) {
      if (url.searchParams.get('connectionParams') !== '1') return reject(401, 'Unauthorized');
      if (waitingForParams >= MAX_WAITING_FOR_PARAMS) return reject(503, 'Service Unavailable');
      return awaitParams(req, socket, head);
    }
    const identity = authenticate(credential);
    if (identity === false) return reject(429, 'Too Many Requests');
    if (!identity) return reject(401, 'Unauthorized');
    const admitted = credentials.admit(socket, identity, credential);
    if (!admitted) return reject(429, 'Too Many Requests');
    wss.handleUpgrade(req, socket, head, (ws) => {
      admitted(ws);
      wss.emit('connection', ws, req);
    });
  };

  return {
    upgrade,
    /** First step of a shutdown: no new sockets, and clients are told to reconnect (to the next server). */
    announceRestart() {
      closing = true;
      handler.broadcastReconnectNotification();
    },
    close() {
      credentials.stop();
      for (const client of wss.clients) client.close(1012, 'Server restarting');
      wss.close();
    },
  };
}
