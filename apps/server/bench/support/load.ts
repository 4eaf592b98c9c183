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
  /** Offer this many requests per second in all, instead of as many as the connections can carry. */
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
  /** Latency percentiles in ms (autocannon measures whole milliseconds). */
  p50: number;
  p99: number;
  max: number;
}

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

/** Generates load from a separate process (autocannon) and returns its figures. */
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
