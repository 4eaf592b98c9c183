import type { BenchOptions, Scenario } from '../scenario.ts';
import { type BenchProcess, startBare } from '../support/bare.ts';
import { linkSessions, startBenchGateway } from '../support/gateway.ts';
import { type LoadOptions, runLoad } from '../support/load.ts';
import { cpuSeconds, waitQuiet } from '../support/processes.ts';
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

export const send: Scenario = {
  name: 'send',
  about: 'messages.send over HTTP (cookie, one sandbox account) beside a bare Node server and one INSERT',
  async run(o: BenchOptions): Promise<Row[]> {
    const g = await startBenchGateway();
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
      const targets = { switchboard: g, bare, insert };
      const load = { method: 'POST' as const, headers, body, connections: o.connections };

      const full: Record<keyof typeof targets, Round[]> = { switchboard: [], bare: [], insert: [] };
      for (let r = 1; r <= o.rounds; r++) {
        for (const [name, target] of Object.entries(targets) as [keyof typeof targets, Target][]) {
          o.progress(`round ${r}/${o.rounds}: as fast as ${o.connections} connections go — ${name}`);
          full[name].push(
            await round(target, { ...load, durationSeconds: o.roundSeconds }, path, o.progress),
          );
        }
      }
      const offered = [500, 1000];
      const paced: Record<'switchboard' | 'bare', Round[]>[] = offered.map(() => ({
        switchboard: [],
        bare: [],
      }));
      for (let r = 1; r <= o.rounds; r++) {
        for (const [i, rate] of offered.entries()) {
          for (const name of ['switchboard', 'bare'] as const) {
            o.progress(`round ${r}/${o.rounds}: offered ${rate} req/s — ${name}`);
            paced[i]![name].push(
              await round(
                targets[name],
                { ...load, rate, durationSeconds: o.roundSeconds },
                path,
                o.progress,
              ),
            );
          }
        }
      }

      const sb = medians(full.switchboard);
      const b = medians(full.bare);
      const ins = medians(full.insert);
      const at = paced.map((p) => ({ switchboard: medians(p.switchboard), bare: medians(p.bare) }));
      const cpu = (ms: number) => `${duration(ms)} CPU`;
      // Unanswered sends are part of the figure, not a reason to drop it (a busy machine times some out).
      const unanswered = [...full.switchboard, ...paced.flatMap((p) => p.switchboard)].reduce(
        (sum, r) => sum + r.failed,
        0,
      );
      return [
        {
          what: '`messages.send` over HTTP (cookie, zod, insert)',
          switchboard:
            `${perSecond(sb.perSecond)}, p50 ${wholeMs(sb.p50)}, p99 ${wholeMs(sb.p99)}, **${cpu(sb.cpuMs)} per send**` +
            (unanswered > 0 ? ` (${count(unanswered)} sends unanswered in all rounds)` : ''),
          ceiling:
            `bare Node \`http\` + same JSON: ${perSecond(b.perSecond)}, ${cpu(b.cpuMs)}; ` +
            `the same plus one better-sqlite3 INSERT (WAL): ${perSecond(ins.perSecond)}, ${cpu(ins.cpuMs)}`,
          ratio: `${ratio(sb.perSecond, b.perSecond)} / ${ratio(sb.perSecond, ins.perSecond)}`,
        },
        {
          what: `offered ${offered.map((n) => n.toLocaleString('en-US')).join(' / ')} req/s`,
          switchboard:
            `answered ${at.map((x) => Math.round(x.switchboard.perSecond)).join(' / ')} req/s, ` +
            `p99 ${at.map((x) => wholeMs(x.switchboard.p99)).join(' / ')}`,
          ceiling: `bare: p99 ${at.map((x) => wholeMs(x.bare.p99)).join(' / ')}`,
          ratio: '—',
        },
      ];
    } finally {
      await Promise.all(ceilings.map((c) => c.stop()));
      await g.stop();
    }
  },
};
