import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { appRouter, createContextInner, StreamSlots } from '@switchboard/api';
import type { Services } from '@switchboard/core';
import type { TRPCError } from '@trpc/server';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import type { Env } from '../env.ts';
import { clientIp } from '../http/client-ip.ts';
import { credentialOf } from '../http/cookies.ts';
import type { hostCheck } from '../http/host-check.ts';
import { SignInSockets } from './sign-in-sockets.ts';

/**
 * The WebSocket at /trpc: live streams (subscriptions) for signed-in users of this site. Authenticated from
 * the login cookie before the upgrade is accepted; each socket holds a bounded number of streams, each
 * sign-in a bounded number of sockets, and a socket closes when its sign-in ends.
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
  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    createContext: ({ req }) =>
      createContextInner({
        services,
        credential: credentialOf(req),
        transport: 'ws',
        streams: new StreamSlots(env.MAX_SUBSCRIPTIONS_PER_SOCKET),
        ip: clientIp(req, env.TRUST_PROXY),
        userAgent: req.headers['user-agent'] ?? null,
      }),
    onError: deps.onError,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 10_000 },
  });
  const signIns = new SignInSockets(services.auth, env.MAX_SOCKETS_PER_LOGIN);
  let closing = false;

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
    const credential = credentialOf(req);
    const identity = credential && services.auth.identify(credential);
    if (!credential || !identity) return reject(401, 'Unauthorized');
    const admitted = signIns.admit(socket, credential, identity.user.id);
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
      signIns.stop();
      for (const client of wss.clients) client.close(1012, 'Server restarting');
      wss.close();
    },
  };
}
