import { fileURLToPath } from 'node:url';
import { spawnBenchProcess, stdoutOf } from './processes.ts';

export interface LoadOptions {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** A body per request: `{n}` becomes a counter that starts at `start` (distinct senders, say). */
  bodyTemplate?: { text: string; start: number };
  /** Headers added to each request, `{n}` the same counter (a fresh Idempotency-Key per send, say). */
  headerTemplate?: Record<string, string>;
  connections: number;
  /** Run for this long… */
  durationSeconds?: number;
  /** …or until this many requests were answered. */
  amount?: number;
  /**
   * Offer this many requests per second in all, at even intervals (open loop, see paced-load.ts), instead of
   * as many as the connections can carry.
   */
  rate?: number;
}

export interface LoadResult {
  /** Answered with 2xx. */
  ok: number;
  /** Answered otherwise, failed or timed out. */
  failed: number;
  /** What went wrong, when something did: "3 × 503, 1 timeout". */
  problems: string;
  seconds: number;
  /** 2xx answers per second. */
  perSecond: number;
  /**
   * Latency percentiles in ms: autocannon's in whole milliseconds; a paced round's to the microsecond, each
   * from the time its request was due to be sent, not from when a connection was free to send it.
   */
  p50: number;
  p99: number;
  max: number;
}

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

/** A request not answered this long after it was sent (or, paced, was due) counts as timed out. */
export const TIMEOUT_SECONDS = 10;

/** The n-th request's (from 0) body and headers: `{n}` in the templates replaced by the counter. */
export function nthRequest(
  options: LoadOptions,
  n: number,
): { body?: string; headers: Record<string, string> } {
  const i = String((options.bodyTemplate?.start ?? 0) + n);
  const headers = { ...options.headers };
  for (const [name, value] of Object.entries(options.headerTemplate ?? {}))
    headers[name] = value.replaceAll('{n}', i);
  return { body: options.bodyTemplate?.text.replaceAll('{n}', i) ?? options.body, headers };
}

/** What went wrong in a round, for the person watching: "3 × 503, 1 timed out (10 s)". */
export function problemsOf(non2xx: Record<string, number>, timeouts: number, errors: number): string {
  return [
    ...Object.entries(non2xx).map(([code, count]) => `${count} × ${code}`),
    ...(timeouts ? [`${timeouts} timed out (${TIMEOUT_SECONDS} s)`] : []),
    ...(errors ? [`${errors} connection errors`] : []),
  ].join(', ');
}

/** Generates load from a separate process (autocannon, or paced-load.ts for a rate) and returns its figures. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const child = spawnBenchProcess(WORKER, [JSON.stringify(options)]);
  // Bounded: a request times out after 10 s, so the worker ends at most that long after its run; a fixed
  // amount gets 50 ms a request (a busy shared machine answered ten thousand inbound messages at ~40/s).
  const limitMs = ((options.durationSeconds ?? 0) + 60) * 1000 + (options.amount ?? 0) * 50;
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  const { code, stdout } = await stdoutOf(child);
  clearTimeout(timer);
  if (code !== 0) throw new Error(`the load generator failed (exit ${code})`);
  return JSON.parse(stdout) as LoadResult;
}
