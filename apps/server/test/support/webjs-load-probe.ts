/**
 * Run as a process of its own by webjs-loading.test.ts (a fresh process has loaded nothing yet): starts a
 * gateway with the WhatsApp Web engine enabled and prints, as JSON lines, whether whatsapp-web.js has been
 * loaded — once the server is up, and again after a `webjs` session was started.
 */
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { connect, setupAdmin, startTestGateway, waitForStatus } from './harness.ts';

const loaded = () =>
  Object.keys(createRequire(import.meta.url).cache).some((path) =>
    path.includes(`${sep}whatsapp-web.js${sep}`),
  );
const report = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

// No browser at that path: the session fails at once, after the engine was loaded to find that out. The load
// counts towards the start's time limit, which the tests otherwise keep short: a busy machine needs longer.
const g = await startTestGateway({
  WEBJS_ENABLED: 'true',
  CHROME_PATH: '/nonexistent/chromium',
  SESSION_START_TIMEOUT_MS: '60000',
});
report({ stage: 'listening', loaded: loaded() });
const cookie = await setupAdmin(g);
const client = connect(g, cookie);
const created = await client.sessions.create.mutate({ name: 'Real phone', engine: 'webjs' });
const failed = await waitForStatus(client, created.id, 'failed', 60_000);
report({ stage: 'started', loaded: loaded(), reason: failed.statusReason });
await client.close();
await g.dispose();
