/**
 * Measures the gateway on the sandbox engine: how fast sessions link, how many messages per second go
 * through the API, the per-session queues and the engine, with receipts, and how fast photos are uploaded,
 * sent and received. Prints figures; asserts nothing.
 *
 *   pnpm bench                 (defaults: 10 sessions × 200 messages)
 *   pnpm bench 20 500          (sessions, messages per session)
 */
import { performance } from 'node:perf_hooks';
import { PNG } from '@switchboard/core/test-files';
import {
  connect,
  createLinked,
  sandbox,
  setupAdmin,
  startTestGateway,
  waitFor,
} from '../test/support/harness.ts';
import { upload } from '../test/support/media.ts';

// `pnpm bench -- 20 500` passes the "--" through; only the numbers matter.
const [sessionsArg, perSessionArg] = process.argv.slice(2).filter((a) => a !== '--');
const sessions = Number(sessionsArg ?? 10);
const perSession = Number(perSessionArg ?? 200);
if (!Number.isInteger(sessions) || sessions < 1 || !Number.isInteger(perSession) || perSession < 1) {
  console.error('Usage: pnpm bench [sessions] [messages per session], e.g. pnpm bench 10 200');
  process.exit(2);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms · p95 ${percentile(sorted, 95).toFixed(1)} ms · max ${sorted.at(-1)?.toFixed(1)} ms`;
};

const g = await startTestGateway({
  SANDBOX_DELIVERED_DELAY_MS: '0',
  SANDBOX_READ_DELAY_MS: '0',
  MAX_SESSIONS: String(sessions),
  MAX_SESSIONS_PER_USER: String(sessions),
});
try {
  const cookie = await setupAdmin(g);
  const client = connect(g, cookie);

  const linkTimes: number[] = [];
  const linkStart = performance.now();
  const linked = await Promise.all(
    Array.from({ length: sessions }, async (_, i) => {
      const t0 = performance.now();
      const s = await createLinked(g, cookie, client, `Bench ${i}`, `49151123${String(i).padStart(5, '0')}`);
      linkTimes.push(performance.now() - t0);
      return s;
    }),
  );
  const linkWall = performance.now() - linkStart;

  // One at a time first: the latency a single integrator call sees on an idle gateway.
  const singleTimes: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    await client.messages.send.mutate({ sessionId: linked[0]!.id, to: '+14155552671', text: `single ${i}` });
    singleTimes.push(performance.now() - t0);
  }

  const acceptTimes: number[] = [];
  const sendStart = performance.now();
  await Promise.all(
    linked.map(async (s) => {
      for (let batch = 0; batch < perSession; batch += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, perSession - batch) }, async (_, j) => {
            const t0 = performance.now();
            await client.messages.send.mutate({
              sessionId: s.id,
              to: '+14155552671',
              text: `bench ${batch + j}`,
            });
            acceptTimes.push(performance.now() - t0);
          }),
        );
      }
    }),
  );
  const acceptedWall = performance.now() - sendStart;
  await waitFor(
    async () => {
      for (const s of linked) {
        const page = await client.messages.list.query({ sessionId: s.id, limit: 1 });
        if (page.items[0]?.status !== 'read') return false;
      }
      return true;
    },
    'every message to be read',
    120_000,
  );
  const readWall = performance.now() - sendStart;
  const total = sessions * perSession;

  // Media: a 4 MB photo uploaded and sent 20 times (stored once), then 20 different 1 MB photos received.
  const photo = Buffer.concat([PNG, Buffer.alloc(4 * 1024 * 1024 - PNG.length, 1)]);
  const uploadTimes: number[] = [];
  const mediaSendTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    let t0 = performance.now();
    const stored = await upload(
      g,
      cookie,
      { sessionId: linked[0]!.id, type: 'image' },
      { name: 'photo.png', bytes: photo },
    );
    uploadTimes.push(performance.now() - t0);
    t0 = performance.now();
    await client.messages.send.mutate({
      sessionId: linked[0]!.id,
      to: '+14155552671',
      type: 'image',
      media: { id: stored.body.id! },
    });
    mediaSendTimes.push(performance.now() - t0);
  }
  const receiveStart = performance.now();
  for (let i = 0; i < 20; i++) {
    const received = Buffer.concat([PNG, Buffer.alloc(1024 * 1024 - PNG.length, i)]);
    await sandbox(g, cookie, 'POST', '/inbound', {
      from: '+14155552671',
      to: `+${linked[0]!.phone}`,
      media: { type: 'image', data: received.toString('base64') },
    });
  }
  await waitFor(
    async () => {
      const page = await client.messages.list.query({ sessionId: linked[0]!.id, limit: 20 });
      return page.items.filter((m) => m.direction === 'in' && m.media?.url).length === 20;
    },
    'twenty received photos to be stored',
    120_000,
  );
  const receiveWall = performance.now() - receiveStart;
  const mbPerSecond = (mb: number, ms: number) => ((mb / ms) * 1000).toFixed(0);

  console.log(`Switchboard benchmark — sandbox engine, ${sessions} sessions × ${perSession} messages`);
  console.log(
    `link (create → QR → scan → connected): ${summary(linkTimes)} · all ${sessions} in ${linkWall.toFixed(0)} ms`,
  );
  console.log(`messages.send, one at a time: ${summary(singleTimes)}`);
  console.log(`messages.send under load (${sessions} × 50 concurrent): ${summary(acceptTimes)}`);
  console.log(
    `accepted ${total} in ${acceptedWall.toFixed(0)} ms = ${((total / acceptedWall) * 1000).toFixed(0)} msg/s`,
  );
  console.log(
    `all ${total} sent and read in ${readWall.toFixed(0)} ms = ${((total / readWall) * 1000).toFixed(0)} msg/s end to end`,
  );
  const uploadTotal = uploadTimes.reduce((a, b) => a + b, 0);
  console.log(
    `photo upload (4 MB, multipart): ${summary(uploadTimes)} = ${mbPerSecond(80, uploadTotal)} MB/s one at a time`,
  );
  console.log(`messages.send of a stored photo: ${summary(mediaSendTimes)}`);
  console.log(
    `20 received 1 MB photos downloaded, stored and listed in ${receiveWall.toFixed(0)} ms = ${mbPerSecond(20, receiveWall)} MB/s`,
  );
  await client.close();
} finally {
  await g.dispose();
}
