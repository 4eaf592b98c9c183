import { setTimeout as sleep } from 'node:timers/promises';
import WS from 'ws';
import type { Gateway } from '../../src/gateway.ts';
import { sandbox } from '../../test/support/harness.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';
import { startBare } from '../support/bare.ts';
import {
  type BenchGateway,
  type LinkedSession,
  linkSessions,
  startBenchGateway,
} from '../support/gateway.ts';
import { runLoad } from '../support/load.ts';
import { medians, percentile, perSecond, ratio, wholeMs } from '../support/stats.ts';
import type { Row } from '../table.ts';

const SESSIONS = 20;
const DROPS_PER_SECOND = 20;

/**
 * Drops connections round the sessions for `seconds` (each drop is two status changes: reconnecting, then
 * connected) and collects how long each status event took from the server to this WebSocket subscriber.
 */
async function statusLatencies(g: BenchGateway, sessions: LinkedSession[], seconds: number) {
  const lags: number[] = [];
  let collecting = false;
  const subscription = g.client.sessions.onEvent.subscribe(undefined, {
    onData: ({ data }) => {
      if (collecting && data.type === 'status') lags.push(Date.now() - data.at);
    },
  });
  // The snapshot every new subscriber gets first is not a live event.
  await sleep(500);
  collecting = true;
  const until = Date.now() + seconds * 1000;
  for (let i = 0; Date.now() < until; i++) {
    const session = sessions[i % sessions.length]!;
    await sandbox({ url: g.url } as Gateway, g.cookie, 'POST', `/sessions/${session.id}/drop`);
    await sleep(1000 / DROPS_PER_SECOND);
  }
  // Let the last reconnects arrive.
  await sleep(500);
  subscription.unsubscribe();
  return lags;
}

/** The ceiling: a bare WebSocket server pushing timestamped events to a bare client. */
async function barePush(seconds: number): Promise<number[]> {
  const server = await startBare('push');
  try {
    const lags: number[] = [];
    const ws = new WS(server.url.replace('http', 'ws'));
    ws.on('message', (raw) => lags.push(Date.now() - (JSON.parse(String(raw)) as { at: number }).at));
    await sleep(seconds * 1000);
    ws.close();
    return lags;
  } finally {
    await server.stop();
  }
}

async function underLoad(
  g: BenchGateway,
  sessions: LinkedSession[],
  sender: LinkedSession,
  o: BenchOptions,
  rate: number,
) {
  const body = JSON.stringify({
    sessionId: sender.id,
    to: '+14155552671',
    text: 'Hello from the bench',
  });
  const load = runLoad({
    url: `${g.url}/trpc/messages.send`,
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: g.cookie },
    body,
    connections: o.connections,
    rate,
    durationSeconds: o.roundSeconds + 2,
  });
  // Measure while the load runs at its pace (it starts within a second).
  await sleep(1000);
  const lags = await statusLatencies(g, sessions, o.roundSeconds);
  return { lags, sends: await load };
}

export const liveEvents: Scenario = {
  name: 'live',
  about: 'status event → WebSocket subscriber: idle, under 150 and 1,000 offered sends/s; bare push',
  async run(o): Promise<Row[]> {
    // The sends under load come from one account: the sandbox's simulated ban would stop them, not Switchboard.
    const g = await startBenchGateway({ SANDBOX_RISK_MODEL: 'false' });
    try {
      // The sends come from an account of their own that is never dropped: one that is reconnecting refuses
      // them (412), which would measure refusals, not sends.
      const [sender, ...sessions] = await linkSessions(g, SESSIONS + 1);
      const rounds: Record<string, number>[] = [];
      const summary = (lags: number[]) => ({ p50: percentile(lags, 50), p99: percentile(lags, 99) });
      for (let r = 1; r <= o.rounds; r++) {
        o.progress(`round ${r}/${o.rounds}: idle`);
        const idle = summary(await statusLatencies(g, sessions, o.roundSeconds));
        o.progress(`round ${r}/${o.rounds}: bare push`);
        const bare = summary(await barePush(o.roundSeconds));
        const loaded: Record<string, number> = {};
        for (const rate of [150, 1000]) {
          o.progress(`round ${r}/${o.rounds}: under ${rate} offered sends/s`);
          const { lags, sends } = await underLoad(g, sessions, sender!, o, rate);
          const s = summary(lags);
          Object.assign(loaded, {
            [`p50@${rate}`]: s.p50,
            [`p99@${rate}`]: s.p99,
            [`sends@${rate}`]: sends.perSecond,
          });
        }
        rounds.push({
          idleP50: idle.p50,
          idleP99: idle.p99,
          bareP50: bare.p50,
          bareP99: bare.p99,
          ...loaded,
        });
      }
      const m = medians(rounds);
      const p = (p50: number, p99: number) => `p50 ${wholeMs(p50)}, p99 ${wholeMs(p99)}`;
      return [
        {
          what: 'status event → WebSocket subscriber, idle',
          switchboard: p(m.idleP50!, m.idleP99!),
          ceiling: `bare push: ${p(m.bareP50!, m.bareP99!)}`,
          ratio: `${ratio(m.idleP99!, m.bareP99!)} (p99)`,
        },
        ...[150, 1000].map((rate) => ({
          what: `… while ${rate.toLocaleString('en-US')} sends/s are offered`,
          switchboard: `${p(m[`p50@${rate}`]!, m[`p99@${rate}`]!)} (sends answered: ${perSecond(m[`sends@${rate}`]!)})`,
          ceiling: '—',
          ratio: '—',
        })),
      ];
    } finally {
      await g.stop();
    }
  },
};
