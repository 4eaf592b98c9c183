/**
 * Open-loop load at an even rate: request i is due at start + i / rate, whatever happened to the ones before
 * it. Autocannon's `overallRate` is not this: it gives each connection a quota per second, which they spend
 * at full speed at the start of each second (half a second of saturating load in every "1,000 req/s"
 * second), and it then corrects for coordinated omission by counting a slow answer of V ms about V times.
 *
 * Here latency runs from the time a request was due to its whole answer, so waiting for a free connection,
 * a stalled server, or this process falling behind its own schedule all show in the figure, each request
 * counted once. Requests share a pool of keep-alive connections (`connections` of them, see raw-http.ts);
 * one never waits for a particular connection, only for any.
 */
import { performance } from 'node:perf_hooks';
import { type LoadOptions, type LoadResult, nthRequest, problemsOf, TIMEOUT_SECONDS } from './load.ts';
import { RawConnection, serializeRequest } from './raw-http.ts';
import { percentile } from './stats.ts';

interface Pending {
  n: number;
  dueAt: number;
  /** Not part of the figures (the warm-up requests). */
  counted: boolean;
  timedOut: boolean;
}

export async function pacedLoad(options: LoadOptions & { rate: number }): Promise<LoadResult> {
  const url = new URL(options.url);
  const port = Number(url.port || 80);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const path = url.pathname + url.search;
  const intervalMs = 1000 / options.rate;
  const total = options.amount ?? Math.round(options.rate * (options.durationSeconds ?? 10));
  const timeoutMs = TIMEOUT_SECONDS * 1000;
  /** Every request's, answered or not: a failure counts with the time it took to fail (a timeout as 10 s). */
  const latencies: number[] = [];
  let ok = 0;
  let lastOkAt = 0;
  const non2xx: Record<string, number> = {};
  let timeouts = 0;
  let errors = 0;
  /** How far behind its schedule this process sent each request: its own share of every latency. */
  const lateness: number[] = [];

  const idle: RawConnection[] = [];
  const inFlight = new Map<RawConnection, Pending>();
  /** Requests due while every connection was busy, oldest first (`queue[queueHead]` is the next). */
  const queue: Pending[] = [];
  let queueHead = 0;
  /** Connections lost (closed by the server, failed) and not yet replaced. */
  let missing = 0;
  let settledCount = 0;
  let onSettled: (() => void) | null = null;
  let warmed = 0;
  let onWarm: (() => void) | null = null;

  const settle = (p: Pending, status: number | undefined) => {
    if (!p.counted) {
      warmed++;
      onWarm?.();
      return;
    }
    const now = performance.now();
    latencies.push(now - p.dueAt);
    if (status === undefined) {
      if (p.timedOut) timeouts++;
      else errors++;
    } else if (status >= 200 && status < 300) {
      ok++;
      lastOkAt = now;
    } else non2xx[status] = (non2xx[status] ?? 0) + 1;
    settledCount++;
    onSettled?.();
  };

  const dispatch = (connection: RawConnection, p: Pending) => {
    const { body, headers } = nthRequest(options, p.n);
    inFlight.set(connection, p);
    connection.send(serializeRequest(options.method, path, url.host, headers, body), (status) => {
      inFlight.delete(connection);
      settle(p, status);
      if (connection.usable) free(connection);
      else {
        connection.destroy();
        missing++;
        void reconnect();
      }
    });
  };

  const free = (connection: RawConnection) => {
    if (queueHead < queue.length) {
      const next = queue[queueHead]!;
      queue[queueHead++] = undefined as unknown as Pending;
      dispatch(connection, next);
    } else idle.push(connection);
  };

  const reconnect = async () => {
    while (missing > 0) {
      missing--;
      try {
        free(await RawConnection.open(port, host));
      } catch {
        // The server is not answering connections: the queued requests time out; try again at the next check.
        missing++;
        return;
      }
    }
  };

  const send = (p: Pending) => {
    let connection = idle.pop();
    // One the server closed while it was idle (its keep-alive timeout) is replaced, not used.
    while (connection && !connection.usable) {
      missing++;
      connection = idle.pop();
    }
    if (connection) dispatch(connection, p);
    else {
      queue.push(p);
      if (missing > 0) void reconnect();
    }
  };

  // Requests not answered in time: the ones waiting for a connection, and those in flight (their connection
  // is closed, so a late answer cannot be taken for the next request's).
  const timeoutCheck = setInterval(() => {
    const deadline = performance.now() - timeoutMs;
    while (queueHead < queue.length && queue[queueHead]!.dueAt < deadline) {
      const p = queue[queueHead]!;
      queue[queueHead++] = undefined as unknown as Pending;
      p.timedOut = true;
      settle(p, undefined);
    }
    for (const [connection, p] of inFlight)
      if (p.dueAt < deadline) {
        p.timedOut = true;
        connection.destroy();
      }
    if (missing > 0) void reconnect();
  }, 250);

  for (const connection of await Promise.all(
    Array.from({ length: options.connections }, () => RawConnection.open(port, host)),
  ))
    idle.push(connection);
  // One request per connection first, not counted: every connection has carried a request and this
  // process's code is warm before the first due time, so a short round does not measure compiling.
  await new Promise<void>((warm) => {
    onWarm = () => {
      if (warmed === options.connections) warm();
    };
    for (let i = 0; i < options.connections; i++)
      send({ n: total + i, dueAt: performance.now(), counted: false, timedOut: false });
  });
  await reconnect();

  const start = performance.now();
  let scheduled = 0;
  const allSettled = new Promise<void>((done) => {
    onSettled = () => {
      if (settledCount === total) done();
    };
  });
  // Node's timers fire about once a millisecond at best: each tick sends everything that has come due since
  // the last, each request keeping its own due time.
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor((now - start) / intervalMs) + 1);
      while (scheduled < due) {
        const dueAt = start + scheduled * intervalMs;
        lateness.push(now - dueAt);
        send({ n: scheduled++, dueAt, counted: true, timedOut: false });
      }
      if (scheduled < total) setTimeout(tick, 1);
      else done();
    };
    tick();
  });
  if (settledCount < total) await allSettled;
  clearInterval(timeoutCheck);
  for (const connection of [...idle, ...inFlight.keys()]) connection.destroy();
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
