/**
 * The raw webhook receiver, in a process of its own: answers 200 at once and notes, per path (one path per
 * endpoint), when each delivery arrived and how long after its event it came (the payload's timestamp).
 * Over IPC: { hold: true } keeps every request waiting until { hold: false }; { delay: ms } answers each request
 * that long after it arrived (0: at once), as an endpoint across a network does; { report: true } answers with
 * what arrived since the last { reset: true }, { count: true } with only how many (cheap to ask often, while
 * the bench waits: a full report carries every lag). Prints "listening <port>" once ready.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceiverReport {
  /** Deliveries per path. */
  counts: Record<string, number>;
  total: number;
  /** Date.now() of the first and the last delivery answered. */
  first: number;
  last: number;
  /** ms from each event's timestamp to its delivery. */
  lags: number[];
}

let holding = false;
let delay = 0;
let held: ServerResponse[] = [];
let report: ReceiverReport;
const reset = () => {
  report = { counts: {}, total: 0, first: 0, last: 0, lags: [] };
};
reset();

const answer = (res: ServerResponse) => {
  const now = Date.now();
  report.first ||= now;
  report.last = now;
  res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
};

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const path = req.url ?? '/';
    report.counts[path] = (report.counts[path] ?? 0) + 1;
    report.total += 1;
    const { timestamp } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { timestamp?: string };
    if (timestamp) report.lags.push(Date.now() - Date.parse(timestamp));
    if (holding) held.push(res);
    else if (delay > 0) setTimeout(answer, delay, res);
    else answer(res);
  });
});

interface Message {
  hold?: boolean;
  delay?: number;
  report?: boolean;
  count?: boolean;
  reset?: boolean;
}

process.on('message', (message: Message) => {
  if (message.hold === true) holding = true;
  if (message.delay !== undefined) delay = message.delay;
  if (message.hold === false) {
    holding = false;
    for (const res of held) answer(res);
    held = [];
  }
  if (message.reset) reset();
  process.send?.(message.report ? report : message.count ? { total: report.total } : { ok: true });
});
process.on('SIGTERM', () => process.exit(0));

// Node closes idle keep-alive sockets after 5 s, racing a client that reuses one just then ("socket hang
// up", retried 5 s later): the bench's receiver keeps them, so that race never stretches a measurement.
server.keepAliveTimeout = 120_000;

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
