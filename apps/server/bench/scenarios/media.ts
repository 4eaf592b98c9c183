import { PNG } from '@switchboard/core/test-files';
import type { Gateway } from '../../src/gateway.ts';
import { sandbox, waitFor } from '../../test/support/harness.ts';
import { upload } from '../../test/support/media.ts';
import type { Scenario } from '../scenario.ts';
import { linkSessions, startBenchGateway } from '../support/gateway.ts';
import { duration, median, percentile } from '../support/stats.ts';
import type { Row } from '../table.ts';

const MB = 1024 * 1024;

const spread = (ms: number[]) => `p50 ${duration(median(ms))}, p99 ${duration(percentile(ms, 99))}`;
const rate = (mb: number, ms: number) => `${Math.round((mb / ms) * 1000)} MB/s`;

/**
 * Photos, one at a time: a 4 MB upload (multipart, stored once however often it is sent), `messages.send` of
 * the stored photo, and received 1 MB photos until all are stored and listed. Figures of their own for now:
 * no ceiling is measured beside them.
 */
export const media: Scenario = {
  name: 'media',
  about: 'photos: 4 MB uploads, messages.send of a stored photo, received 1 MB photos stored',
  async run(o): Promise<Row[]> {
    const count = o.short ? 5 : 20;
    const g = await startBenchGateway();
    try {
      const [account] = await linkSessions(g, 1);
      const gateway = { url: g.url } as Gateway;
      const photo = Buffer.concat([PNG, Buffer.alloc(4 * MB - PNG.length, 1)]);
      const uploads: number[] = [];
      const sends: number[] = [];
      o.progress(`${count} photos of 4 MB uploaded and sent`);
      for (let i = 0; i < count; i++) {
        let t0 = performance.now();
        const stored = await upload(
          gateway,
          g.cookie,
          { sessionId: account!.id, type: 'image' },
          { name: 'photo.png', bytes: photo },
        );
        uploads.push(performance.now() - t0);
        if (!stored.body.id) throw new Error(`an upload was refused: ${JSON.stringify(stored)}`);
        t0 = performance.now();
        await g.client.messages.send.mutate({
          sessionId: account!.id,
          to: '+14155552671',
          type: 'image',
          media: { id: stored.body.id },
        });
        sends.push(performance.now() - t0);
      }
      o.progress(`${count} photos of 1 MB received`);
      const t0 = performance.now();
      for (let i = 0; i < count; i++) {
        const received = Buffer.concat([PNG, Buffer.alloc(MB - PNG.length, i)]);
        const inbound = await sandbox(gateway, g.cookie, 'POST', '/inbound', {
          from: '+14155552671',
          to: `+${account!.phone}`,
          media: { type: 'image', data: received.toString('base64') },
        });
        if (inbound.status !== 200)
          throw new Error(`a received photo was refused: ${JSON.stringify(inbound)}`);
      }
      await waitFor(
        async () => {
          const page = await g.client.messages.list.query({ sessionId: account!.id, limit: count });
          return page.items.filter((m) => m.direction === 'in' && m.media?.url).length === count;
        },
        `${count} received photos to be stored`,
        120_000,
      );
      const receivedMs = performance.now() - t0;
      const uploadMs = uploads.reduce((sum, ms) => sum + ms, 0);
      return [
        {
          what: 'photo upload (4 MB, multipart), one at a time',
          switchboard: `${spread(uploads)} = ${rate(4 * count, uploadMs)}`,
          ceiling: '—',
          ratio: '—',
        },
        { what: '`messages.send` of a stored photo', switchboard: spread(sends), ceiling: '—', ratio: '—' },
        {
          what: `${count} received 1 MB photos stored and listed`,
          switchboard: `${duration(receivedMs)} = ${rate(count, receivedMs)}`,
          ceiling: '—',
          ratio: '—',
        },
      ];
    } finally {
      await g.stop();
    }
  },
};
