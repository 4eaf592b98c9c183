import { waitFor } from '../../test/support/harness.ts';
import type { Scenario } from '../scenario.ts';
import { linkSessions, startBenchGateway } from '../support/gateway.ts';
import { rssBytes } from '../support/processes.ts';
import { duration, perSecond } from '../support/stats.ts';
import type { Row } from '../table.ts';

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

/** Every gap, batch pause, sending window and cap out of the way: what is left is Switchboard's own cost. */
const NO_PACING = {
  minGapSeconds: 0,
  maxGapSeconds: 0,
  batchSize: 0,
  window: null,
  warmup: false,
  dailyCap: 100_000,
  newContactsPerDay: 100_000,
};

/**
 * One campaign from one sandbox account: a CSV of personalised recipients imported, then sent with no gaps —
 * each recipient claimed, sent through the message service (stored, queued, webhooks, inbox) and followed
 * through two receipts. The gateway's memory is sampled meanwhile. Figures of their own: no ceiling.
 */
export const campaign: Scenario = {
  name: 'campaign',
  about: 'a campaign with no gaps: CSV import, recipients per second, the gateway’s memory',
  async run(o): Promise<Row[]> {
    const count = o.short ? 1_000 : 10_000;
    const g = await startBenchGateway({
      SANDBOX_DELIVERED_DELAY_MS: '0',
      SANDBOX_READ_DELAY_MS: '0',
      // The risk model would rightly ban an account sending like this; the bench measures Switchboard.
      SANDBOX_RISK_MODEL: 'false',
      CAMPAIGN_MAX_RECIPIENTS: String(count),
    });
    try {
      const [account] = await linkSessions(g, 1);
      const csv = [
        'phone,name,city',
        ...Array.from({ length: count }, (_, i) => `+1415${5_000_000 + i},Person ${i},Town ${i % 50}`),
      ].join('\n');
      const draft = await g.client.campaigns.create.mutate({
        name: 'Benchmark',
        sessionId: account!.id,
        variants: ['Hi {{name}}, news from {{city}}.', 'Hello {{name|there}}! {{city}} has news.'],
        pacing: NO_PACING,
      });
      o.progress(`importing ${count} recipients from a ${Math.round(csv.length / 1024)} KB CSV`);
      let t0 = performance.now();
      const report = await g.client.campaigns.addAudience.mutate({
        id: draft.id,
        source: { type: 'csv', csv, phoneColumn: 'phone', nameColumn: 'name' },
      });
      const importMs = performance.now() - t0;
      if (report.added !== count) throw new Error(`the import added ${report.added} of ${count}`);

      const rssBefore = rssBytes(g.pid);
      let peakRss = rssBefore;
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, rssBytes(g.pid));
      }, 100);
      o.progress(`sending to ${count} recipients`);
      t0 = performance.now();
      try {
        await g.client.campaigns.start.mutate({ id: draft.id });
        const done = await waitFor(
          async () => {
            const c = await g.client.campaigns.byId.query({ id: draft.id });
            return c.status === 'completed' && c;
          },
          'the campaign to complete',
          60 * 60_000,
        );
        const sendMs = performance.now() - t0;
        const sent = done.counts.sent + done.counts.delivered + done.counts.read;
        return [
          {
            what: `campaign CSV import (${count.toLocaleString('en-US')} rows)`,
            switchboard: duration(importMs),
            ceiling: '—',
            ratio: '—',
          },
          {
            what: `campaign of ${count.toLocaleString('en-US')}, no gaps`,
            switchboard: `${sent.toLocaleString('en-US')} sent in ${duration(sendMs)} = ${perSecond((sent / sendMs) * 1000, 'recipients/s')}; gateway RSS ${mb(rssBefore)} before, peak ${mb(peakRss)}`,
            ceiling: '—',
            ratio: '—',
          },
        ];
      } finally {
        clearInterval(sampler);
      }
    } finally {
      await g.stop();
    }
  },
};
