import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { BenchOptions, Scenario } from '../scenario.ts';
import { type BenchProcess, startBare } from '../support/bare.ts';
import { linkSessions, startBenchGateway } from '../support/gateway.ts';
import type { InsideView } from '../support/inside-view.ts';
import { type LoadOptions, runLoad } from '../support/load.ts';
import { ask, cpuSeconds, waitQuiet } from '../support/processes.ts';
import { count, duration, medians, perSecond, ratio, wholeMs } from '../support/stats.ts';
import type { Row } from '../table.ts';

type Target = Pick<BenchProcess, 'url' | 'pid'>;
interface Round {
  perSecond: number;
  /** Requests not answered with 2xx (a busy machine can time some out). */
  failed: number;
  p50: number;
  p99: number;
  /** CPU ms of the target per answered request, including what a request causes after its answer. */
  cpuMs: number;
}

/** A paced round against the gateway, with what the gateway saw of it (see inside-view.ts). */
interface PacedRound extends Round {
  insideP99: number;
  insideMax: number;
  loopP99: number;
  loopMax: number;
}

const INSIDE_VIEW = fileURLToPath(new URL('../support/inside-view.ts', import.meta.url));

/** One load round against a target; its CPU counts until the target is quiet again (receipts and all). */
async function round(
  target: Target,
  load: Omit<LoadOptions, 'url'>,
  path: string,
  progress: (line: string) => void,
): Promise<Round> {
  const cpu = cpuSeconds(target.pid);
  const result = await runLoad({ ...load, url: `${target.url}${path}` });
  await waitQuiet(target.pid);
  if (result.failed > 0) progress(`  ${result.failed} requests failed: ${result.problems}`);
  const cpuMs = ((cpuSeconds(target.pid) - cpu) * 1000) / Math.max(1, result.ok);
  return { perSecond: result.perSecond, failed: result.failed, p50: result.p50, p99: result.p99, cpuMs };
}

/** A way to send measured at full speed: where it goes, and the request that goes there. */
interface Way {
  target: Target;
  path: string;
  headers: Record<string, string>;
  /** A fresh Idempotency-Key per send, under a prefix new in every round (a key used twice is a replay). */
  idempotent?: boolean;
}

export const send: Scenario = {
  name: 'send',
  about:
    'messages.send over HTTP (cookie) and POST /api/v1/messages (API key), one sandbox account, beside a bare Node server and one INSERT',
  async run(o: BenchOptions): Promise<Row[]> {
    // The bench is one very busy integrator: the per-key limit and the sandbox's simulated ban of an account
    // that sends this fast would measure themselves, not Switchboard.
    const g = await startBenchGateway(
      { API_KEY_REQUESTS_PER_MINUTE: '1000000', SANDBOX_RISK_MODEL: 'false' },
      [INSIDE_VIEW],
    );
    const ceilings: BenchProcess[] = [];
    try {
      const [account] = await linkSessions(g, 1);
      const body = JSON.stringify({
        sessionId: account!.id,
        to: '+14155552671',
        text: 'Hello from the bench',
      });
      const headers = { 'content-type': 'application/json', cookie: g.cookie };
      const path = '/trpc/messages.send';
      // The ceilings answer exactly what the gateway answers.
      const answer = await fetch(`${g.url}${path}`, { method: 'POST', headers, body }).then((r) => r.text());
      const bare = await startBare('json', answer);
      ceilings.push(bare);
      const insert = await startBare('json+insert', answer);
      ceilings.push(insert);
      // The same send through REST, as an integrator with an API key calls it; its ceiling answers REST's JSON.
      const { secret } = await g.client.apiKeys.create.mutate({ name: 'bench', scopes: ['messages:send'] });
      const restPath = '/api/v1/messages';
      const restHeaders = { 'content-type': 'application/json', authorization: `Bearer ${secret}` };
      const restAnswer = await fetch(`${g.url}${restPath}`, { method: 'POST', headers: restHeaders, body });
      if (restAnswer.status !== 200)
        throw new Error(`REST send answered ${restAnswer.status}: ${await restAnswer.text()}`);
      const bareRest = await startBare('json', await restAnswer.text());
      ceilings.push(bareRest);
      const load = { method: 'POST' as const, headers, body, connections: o.connections };
      const ways = {
        switchboard: { target: g, path, headers },
        rest: { target: g, path: restPath, headers: restHeaders },
        restIdempotent: { target: g, path: restPath, headers: restHeaders, idempotent: true },
        bare: { target: bare, path, headers },
        bareRest: { target: bareRest, path: restPath, headers: restHeaders },
        insert: { target: insert, path, headers },
      } satisfies Record<string, Way>;

      const full = Object.fromEntries(Object.keys(ways).map((name) => [name, []])) as unknown as Record<
        keyof typeof ways,
        Round[]
      >;
      for (let r = 1; r <= o.rounds; r++) {
        for (const [name, way] of Object.entries(ways) as [keyof typeof ways, Way][]) {
          o.progress(`round ${r}/${o.rounds}: as fast as ${o.connections} connections go — ${name}`);
          const fresh = way.idempotent && { headerTemplate: { 'idempotency-key': `${randomUUID()}-{n}` } };
          full[name].push(
            await round(
              way.target,
              { ...load, headers: way.headers, ...fresh, durationSeconds: o.roundSeconds },
              way.path,
              o.progress,
            ),
          );
        }
      }
      const offered = [500, 1000];
      const paced: { switchboard: PacedRound[]; bare: Round[] }[] = offered.map(() => ({
        switchboard: [],
        bare: [],
      }));
      for (let r = 1; r <= o.rounds; r++) {
        for (const [i, rate] of offered.entries()) {
          o.progress(`round ${r}/${o.rounds}: offered ${rate} req/s — switchboard`);
          const pacedLoad = { ...load, rate, durationSeconds: o.roundSeconds };
          await ask(g.child, { inside: 'reset' });
          const measured = await round(g, pacedLoad, path, o.progress);
          const inside = await ask<InsideView>(g.child, { inside: 'report' });
          paced[i]!.switchboard.push({
            ...measured,
            insideP99: inside.p99,
            insideMax: inside.max,
            loopP99: inside.loopP99,
            loopMax: inside.loopMax,
          });
          o.progress(`round ${r}/${o.rounds}: offered ${rate} req/s — bare`);
          paced[i]!.bare.push(await round(bare, pacedLoad, path, o.progress));
        }
      }

      const sb = medians(full.switchboard);
      const b = medians(full.bare);
      const ins = medians(full.insert);
      const bRest = medians(full.bareRest);
      const at = paced.map((p) => ({ switchboard: medians(p.switchboard), bare: medians(p.bare) }));
      const cpu = (ms: number) => `${duration(ms)} CPU`;
      // Unanswered sends are part of the figure, not a reason to drop it (a busy machine times some out).
      const unansweredIn = (rounds: Round[]) => {
        const sum = rounds.reduce((all, r) => all + r.failed, 0);
        return sum > 0 ? ` (${count(sum)} sends unanswered in all rounds)` : '';
      };
      const figure = (x: Round) =>
        `${perSecond(x.perSecond)}, p50 ${wholeMs(x.p50)}, p99 ${wholeMs(x.p99)}, **${cpu(x.cpuMs)} per send**`;
      const restRow = (what: string, rounds: Round[]): Row => {
        const x = medians(rounds);
        return {
          what,
          switchboard: figure(x) + unansweredIn(rounds),
          ceiling:
            `bare Node \`http\` + same JSON: ${perSecond(bRest.perSecond)}, ${cpu(bRest.cpuMs)}; ` +
            `\`messages.send\` (cookie) in the same run: ${perSecond(sb.perSecond)}`,
          ratio: `${ratio(x.perSecond, bRest.perSecond)} / ${ratio(x.perSecond, sb.perSecond)}`,
        };
      };
      return [
        {
          what: '`messages.send` over HTTP (cookie, zod, insert)',
          switchboard:
            figure(sb) + unansweredIn([...full.switchboard, ...paced.flatMap((p) => p.switchboard)]),
          ceiling:
            `bare Node \`http\` + same JSON: ${perSecond(b.perSecond)}, ${cpu(b.cpuMs)}; ` +
            `the same plus one better-sqlite3 INSERT (WAL): ${perSecond(ins.perSecond)}, ${cpu(ins.cpuMs)}`,
          ratio: `${ratio(sb.perSecond, b.perSecond)} / ${ratio(sb.perSecond, ins.perSecond)}`,
        },
        restRow('`POST /api/v1/messages` (REST, API key)', full.rest),
        restRow('… with an `Idempotency-Key` per send', full.restIdempotent),
        {
          what: `offered ${offered.map((n) => n.toLocaleString('en-US')).join(' / ')} req/s`,
          switchboard:
            `answered ${at.map((x) => Math.round(x.switchboard.perSecond)).join(' / ')} req/s, ` +
            `p99 ${at.map((x) => duration(x.switchboard.p99)).join(' / ')}; inside the gateway ` +
            `p99 ${at.map((x) => duration(x.switchboard.insideP99)).join(' / ')} ` +
            `(longest ${at.map((x) => duration(x.switchboard.insideMax)).join(' / ')}), ` +
            `event loop late p99 ${at.map((x) => duration(x.switchboard.loopP99)).join(' / ')} ` +
            `(at most ${at.map((x) => duration(x.switchboard.loopMax)).join(' / ')})`,
          ceiling: `bare: p99 ${at.map((x) => duration(x.bare.p99)).join(' / ')}`,
          ratio: '—',
        },
      ];
    } finally {
      await Promise.all(ceilings.map((c) => c.stop()));
      await g.stop();
    }
  },
};
