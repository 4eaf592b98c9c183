/**
 * Measures a campaign on the sandbox engine with every gap and cap out of the way: how long the CSV import
 * takes, how many recipients per second the runner gets through (claim, send, receipts), and the server's
 * memory meanwhile. Prints figures; asserts nothing.
 *
 *   pnpm bench:campaign           (default: 10,000 recipients)
 *   pnpm bench:campaign 2000
 */
import { performance } from 'node:perf_hooks';
import { connect, createLinked, setupAdmin, startTestGateway, waitFor } from '../test/support/harness.ts';

const [countArg] = process.argv.slice(2).filter((a) => a !== '--');
const count = Number(countArg ?? 10_000);
if (!Number.isInteger(count) || count < 1 || count > 100_000) {
  console.error('Usage: pnpm bench:campaign [recipients, at most 100000], e.g. pnpm bench:campaign 10000');
  process.exit(2);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const g = await startTestGateway({
  SANDBOX_DELIVERED_DELAY_MS: '0',
  SANDBOX_READ_DELAY_MS: '0',
  CAMPAIGN_MAX_RECIPIENTS: String(count),
});
try {
  const cookie = await setupAdmin(g);
  const client = connect(g, cookie);
  const session = await createLinked(g, cookie, client, 'Bench', '4915100000900');
  const csv = [
    'phone,name,city',
    ...Array.from({ length: count }, (_, i) => `+1415${5_000_000 + i},Person ${i},Town ${i % 50}`),
  ].join('\n');
  const draft = await client.campaigns.create.mutate({
    name: 'Benchmark',
    sessionId: session.id,
    variants: ['Hi {{name}}, news from {{city}}.', 'Hello {{name|there}}! {{city}} has news.'],
    pacing: {
      minGapSeconds: 0,
      maxGapSeconds: 0,
      batchSize: 0,
      window: null,
      warmup: false,
      dailyCap: 100_000,
      newContactsPerDay: 100_000,
    },
  });

  const heapBefore = process.memoryUsage();
  const importStart = performance.now();
  const report = await client.campaigns.addAudience.mutate({
    id: draft.id,
    source: { type: 'csv', csv, phoneColumn: 'phone', nameColumn: 'name' },
  });
  const importMs = performance.now() - importStart;

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const sendStart = performance.now();
  await client.campaigns.start.mutate({ id: draft.id });
  const done = await waitFor(
    async () => {
      const c = await client.campaigns.byId.query({ id: draft.id });
      return c.status === 'completed' && c;
    },
    'the campaign to complete',
    30 * 60_000,
  );
  const sendMs = performance.now() - sendStart;
  clearInterval(sampler);

  console.log(`Switchboard campaign benchmark — sandbox engine, ${count} recipients, no gaps`);
  console.log(
    `CSV import (${(csv.length / 1024).toFixed(0)} KB, ${report.added} added): ${importMs.toFixed(0)} ms`,
  );
  console.log(
    `sent ${done.counts.sent + done.counts.delivered + done.counts.read} in ${(sendMs / 1000).toFixed(1)} s = ${((count / sendMs) * 1000).toFixed(0)} recipients/s`,
  );
  console.log(
    `memory: RSS ${mb(heapBefore.rss)} before, peak ${mb(peakRss)} while sending · heap ${mb(process.memoryUsage().heapUsed)} after`,
  );
  await client.close();
} finally {
  await g.dispose();
}
