import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { openDatabase } from '@switchboard/db';
import type { Scenario } from '../scenario.ts';
import { linkSessions, startBenchGateway } from '../support/gateway.ts';
import { count, duration, median, ratio } from '../support/stats.ts';
import type { Row } from '../table.ts';

const DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back the messages go: inside the 30 days asked for, wherever the time zone's midnight falls. */
const SPREAD_MS = (DAYS - 2) * DAY_MS;
const ACCOUNTS = 20;
const CALLS_PER_ROUND = 10;
const TIME_ZONE = 'Europe/Berlin';

/** A plausible mix: most outgoing messages read, some only delivered or sent, a few failed or unknown. */
const MIX: ReadonlyArray<readonly [string, string, number]> = [
  ['out', 'read', 40],
  ['out', 'delivered', 15],
  ['out', 'sent', 6],
  ['out', 'failed', 4],
  ['out', 'unknown', 1],
  ['in', 'received', 34],
];
const KINDS = MIX.flatMap(([direction, status, share]) => Array(share).fill([direction, status] as const));

/** The median of `calls` calls of `run`, in ms. */
async function timed(run: () => unknown, calls = CALLS_PER_ROUND): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * The Overview's procedures over a large history: 1,000,000 messages (100,000 with --short) across 20 linked
 * accounts and the last 30 days, written straight into the gateway's database, then asked for through the
 * real tRPC client over HTTP. Ceiling: the same rows counted by one bare SQL statement through better-sqlite3
 * in this process (no HTTP, no per-day split).
 */
export const overview: Scenario = {
  name: 'overview',
  about: 'stats.* over 1,000,000 messages in 20 accounts and 30 days, beside a bare SQL count',
  async run(o): Promise<Row[]> {
    const total = o.short ? 100_000 : 1_000_000;
    const g = await startBenchGateway();
    try {
      const accounts = await linkSessions(g, ACCOUNTS);
      const ids = accounts.map((a) => a.id);
      // A second connection to the gateway's database file (WAL lets both work), as a migration would.
      const db = openDatabase(join(g.dataDir, 'switchboard.db'));
      try {
        o.progress(`${count(total)} messages written`);
        const now = Date.now();
        const insert = db.$client.prepare(
          `insert into messages (id, account_id, direction, peer, body, status, created_at, updated_at)
           values (?, ?, ?, '14155550100', 'bench', ?, ?, ?)`,
        );
        // Small transactions, so the gateway's own writes never wait long for the lock.
        const batch = db.$client.transaction((from: number, to: number) => {
          for (let i = from; i < to; i++) {
            const [direction, status] = KINDS[i % KINDS.length] as readonly [string, string];
            const at = now - SPREAD_MS + Math.floor((i / total) * SPREAD_MS);
            insert.run(`bench-${i}`, ids[i % ids.length], direction, status, at, at);
          }
        });
        for (let from = 0; from < total; from += 10_000) {
          batch(from, Math.min(total, from + 10_000));
          // Between batches the client hears of the idle connections the gateway closed meanwhile.
          await setImmediate();
        }

        const window = [now - SPREAD_MS, now + DAY_MS] as const;
        const bareAll = db.$client.prepare(
          `select count(*) from messages where account_id in (${ids.map(() => '?').join(', ')})
           and created_at >= ? and created_at < ?`,
        );
        const bareOne = db.$client.prepare(
          'select count(*) from messages where account_id = ? and created_at >= ? and created_at < ?',
        );
        const first = ids[0] as string;
        const targets = {
          all: () => g.client.stats.messages.query({ timeZone: TIME_ZONE }),
          allCeiling: () => bareAll.get(...ids, ...window),
          one: () => g.client.stats.messages.query({ sessionId: first, timeZone: TIME_ZONE }),
          oneCeiling: () => bareOne.get(first, ...window),
          rest: async () => {
            await g.client.stats.sessions.query();
            await g.client.stats.attention.query();
            await g.client.stats.webhooks.query();
          },
        };
        const rounds: Array<Record<keyof typeof targets, number>> = [];
        for (let round = 0; round < o.rounds; round++) {
          o.progress(`round ${round + 1} of ${o.rounds}`);
          const figures = {} as Record<keyof typeof targets, number>;
          for (const [name, run] of Object.entries(targets))
            figures[name as keyof typeof targets] = await timed(run);
          rounds.push(figures);
        }
        const m = (key: keyof typeof targets) => median(rounds.map((r) => r[key]));
        const days = await targets.all();
        const counted = days.totals.sent + days.totals.failed + days.totals.unknown + days.totals.received;
        if (counted !== total) throw new Error(`stats.messages counted ${counted} of ${total} messages`);
        return [
          {
            what: `\`stats.messages\`, ${DAYS} days of ${ACCOUNTS} accounts (${count(total)} messages, ${TIME_ZONE})`,
            switchboard: duration(m('all')),
            ceiling: `bare \`count(*)\` of the same rows, no HTTP: ${duration(m('allCeiling'))}`,
            ratio: ratio(m('all'), m('allCeiling')),
          },
          {
            what: `\`stats.messages\`, one account (${count(total / ACCOUNTS)} messages)`,
            switchboard: duration(m('one')),
            ceiling: `bare \`count(*)\`: ${duration(m('oneCeiling'))}`,
            ratio: ratio(m('one'), m('oneCeiling')),
          },
          {
            what: '`stats.sessions` + `stats.attention` + `stats.webhooks`, one after another',
            switchboard: duration(m('rest')),
            ceiling: '—',
            ratio: '—',
          },
        ];
      } finally {
        db.$client.close();
      }
    } finally {
      await g.stop();
    }
  },
};
