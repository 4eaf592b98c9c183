/**
 * The webhook scenario's ceiling, in a process of its own: keep-alive Node clients, each with one request
 * in flight at a time and a delivery-sized body. In the bench's own process it shared an event loop and a
 * heap with everything else the bench holds and does (the scenario's API clients, earlier scenarios'
 * leftovers, the IPC with the receivers), and its figure swung threefold between runs; here it runs alone,
 * and its CPU time (from /proc) is its own.
 * Over IPC: { urls, total } runs one client per URL side by side, `total` requests in all, and answers
 * { seconds } when the last is answered. Prints "ready" once it can be asked.
 */
import { Agent, request } from 'node:http';

const body = JSON.stringify({
  id: 'evt_0123456789abcdef',
  type: 'message.received',
  timestamp: new Date().toISOString(),
  accountId: 'bench-1',
  accountPhone: '4915100000000',
  data: { messageId: 'm'.repeat(21), from: '491711000000', senderName: null, text: 'Hello', isGroup: false },
});

async function oneClient(url: string, total: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  for (let i = 0; i < total; i++) await post();
  agent.destroy();
}

process.on('message', async ({ urls, total }: { urls: string[]; total: number }) => {
  const started = performance.now();
  await Promise.all(urls.map((url) => oneClient(url, total / urls.length)));
  process.send?.({ seconds: (performance.now() - started) / 1000 });
});
process.on('SIGTERM', () => process.exit(0));
process.stdout.write('ready\n');
