/**
 * The ceilings for request handling, each in a process of its own like the gateway:
 *   json          a bare Node `http` server that reads the JSON body and answers with the same JSON the
 *                 gateway answers `messages.send` with;
 *   json+insert   the same plus one INSERT through a prepared better-sqlite3 statement, in a database opened
 *                 the way Switchboard opens its own (WAL, synchronous=NORMAL);
 *   push          a bare WebSocket server that pushes a timestamped event to every client every few ms.
 * Prints "listening <port>" once ready. argv: mode, answer body (for json modes).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@switchboard/db';
import { WebSocketServer } from 'ws';

const [mode = 'json', answer = '{}'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-bare-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
process.on('SIGTERM', () => process.exit(0));

let insert: ((body: Record<string, unknown>) => void) | null = null;
if (mode === 'json+insert') {
  const sqlite = openDatabase(join(dir, 'bare.db')).$client;
  sqlite.exec(`create table bench_messages (
    id text primary key, session_id text not null, peer text not null, body text not null,
    status text not null, created_at integer not null, updated_at integer not null)`);
  const statement = sqlite.prepare(
    'insert into bench_messages values (@id, @sessionId, @peer, @body, @status, @now, @now)',
  );
  insert = (body) =>
    statement.run({
      id: randomUUID(),
      sessionId: String(body.sessionId),
      peer: String(body.to),
      body: String(body.text),
      status: 'queued',
      now: Date.now(),
    });
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = chunks.length
      ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
      : {};
    insert?.(body);
    res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
  });
});

if (mode === 'push') {
  const wss = new WebSocketServer({ server });
  setInterval(() => {
    const event = JSON.stringify({ type: 'status', at: Date.now() });
    for (const client of wss.clients) client.send(event);
  }, 20);
}

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
