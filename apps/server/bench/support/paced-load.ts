/**
 * Open-loop load at an even rate: request i is due at start + i / rate, whatever happened to the ones before
 * it. Autocannon's `overallRate` is not this: it gives each connection a quota per second, which they spend
 * at full speed at the start of each second (half a second of saturating load in every "1,000 req/s"
 * second), and it then corrects for coordinated omission by counting a slow answer of V ms about V times.
 *
 * Here latency runs from the time a request was due to its whole answer, so waiting for a free socket, a
 * stalled server, or this process falling behind its own schedule all show in the figure, each request
 * counted once. Requests share a pool of keep-alive sockets (`connections` of them); one never waits for a
 * particular socket, only for any.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { type LoadOptions, type LoadResult, nthRequest, problemsOf, TIMEOUT_SECONDS } from './load.ts';
import { percentile } from './stats.ts';

export async function pacedLoad(options: LoadOptions & { rate: number }): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const intervalMs = 1000 / options.rate;
  const total = options.amount ?? Math.round(options.rate * (options.durationSeconds ?? 10));
  /** Every request's, answered or not: a failure counts with the time it took to fail (a timeout as 10 s). */
  const latencies: number[] = [];
  let ok = 0;
  let lastOkAt = 0;
  const non2xx: Record<string, number> = {};
  let timeouts = 0;
  let errors = 0;
  /** How far behind its schedule this process sent each request: its own share of every latency. */
  const lateness: number[] = [];

  const send = (n: number, dueAt: number, counted = true) =>
    new Promise<void>((resolve) => {
      const { body, headers } = nthRequest(options, n);
      let timedOut = false;
      let settled = false;
      // Exactly once per request: answered (any status), failed, or timed out.
      const settle = (status: number | undefined) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!counted) return resolve();
        const now = performance.now();
        latencies.push(now - dueAt);
        if (status === undefined) {
          if (timedOut) timeouts++;
          else errors++;
        } else if (status >= 200 && status < 300) {
          ok++;
          lastOkAt = now;
        } else non2xx[status] = (non2xx[status] ?? 0) + 1;
        resolve();
      };
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: options.method,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.once('error', () => settle(undefined));
          res.once('end', () => settle(res.statusCode ?? 0));
          res.resume();
        },
      );
      const timer = setTimeout(
        () => {
          timedOut = true;
          req.destroy();
        },
        dueAt + TIMEOUT_SECONDS * 1000 - performance.now(),
      );
      req.once('error', () => settle(undefined));
      req.end(body);
    });

  // One request per socket first, not counted: the pool's connections are open and this process's code is
  // warm before the first due time, so a short round does not measure connecting and compiling.
  await Promise.all(
    Array.from({ length: options.connections }, (_, i) => send(total + i, performance.now(), false)),
  );
  const answers: Promise<void>[] = [];
  const start = performance.now();
  // Node's timers fire about once a millisecond at best: each tick sends everything that has come due since
  // the last, each request keeping its own due time.
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor((now - start) / intervalMs) + 1);
      while (answers.length < due) {
        const dueAt = start + answers.length * intervalMs;
        lateness.push(now - dueAt);
        answers.push(send(answers.length, dueAt));
      }
      if (answers.length < total) setTimeout(tick, 1);
      else done();
    };
    tick();
  });
  await Promise.all(answers);
  agent.destroy();
  // Answered per second: over the time from the first due request to the last 2xx answer.
  const seconds = Math.max(lastOkAt - start, total * intervalMs) / 1000;

  const lateP99 = percentile(lateness, 99);
  if (lateP99 > 5)
    process.stderr.write(
      `  (the load generator itself sent late, behind a busy machine: p99 ${lateP99.toFixed(0)} ms, ` +
        `max ${percentile(lateness, 100).toFixed(0)} ms, included in the latencies)\n`,
    );
  return {
    ok,
    failed: total - ok,
    problems: problemsOf(non2xx, timeouts, errors),
    seconds,
    perSecond: ok / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
  };
}
