import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: Record<string, string>;
  body: string;
  /** What the receiver answered (null: it never did). */
  answer: number | null;
  payload: {
    id: string;
    type: string;
    accountId: string | null;
    accountPhone: string | null;
    data: Record<string, unknown>;
  };
}

/** A real webhook receiver on loopback. `respond` decides the answer per request (default 200). */
export async function startReceiver(respond: (req: Received, n: number) => number | 'hang' = () => 200) {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
      );
      const r: Received = { headers, body, answer: null, payload: JSON.parse(body) };
      const answer = receiver.respond(r, received.length);
      received.push(r);
      if (answer === 'hang') return;
      r.answer = answer;
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(`answer ${answer}`);
    });
  });
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const receiver = {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    respond,
    /** TCP connections opened to it so far. */
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return receiver;
}
