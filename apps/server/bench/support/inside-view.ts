/**
 * Loaded into the gateway's process by the `send` scenario (`--import`, after tsx), so a paced round's p99
 * can be told apart. The load generator's latency runs from when a request was due to its whole answer; this
 * adds what the gateway saw of the same round: how long each request took from its headers being read to its
 * answer being written, and how late the gateway's event loop ran (a blocked loop, or the process held back
 * by the machine, both show there). A high p99 outside with neither inside was lost outside the gateway.
 * Over IPC: { inside: 'reset' } starts a window, { inside: 'report' } answers with the window's figures.
 */
import { type IncomingMessage, Server, type ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { percentile } from './stats.ts';

export interface InsideView {
  /** Requests answered in the window. */
  count: number;
  /** ms from a request's headers read to its answer written. */
  p99: number;
  max: number;
  /** ms the event loop ran late, sampled every 5 ms. */
  loopP99: number;
  loopMax: number;
}

/** How often the event loop's lateness is sampled, in ms. */
const RESOLUTION = 5;

let durations: number[] = [];
const loop = monitorEventLoopDelay({ resolution: RESOLUTION });
loop.enable();

const emit = Server.prototype.emit;
Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
  if (event === 'request') {
    const started = performance.now();
    const [, res] = args as [IncomingMessage, ServerResponse];
    res.once('finish', () => durations.push(performance.now() - started));
  }
  return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
} as typeof emit;

/** The histogram holds each whole interval between samples: the lateness is what exceeds the resolution. */
const late = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION);

process.on('message', (message: { inside?: 'reset' | 'report' }) => {
  if (message.inside === 'reset') {
    durations = [];
    loop.reset();
    process.send?.({ ok: true });
  } else if (message.inside === 'report') {
    const view: InsideView = {
      count: durations.length,
      p99: percentile(durations, 99),
      max: durations.reduce((longest, d) => Math.max(longest, d), 0),
      loopP99: late(loop.percentile(99)),
      loopMax: late(loop.max),
    };
    process.send?.(view);
  }
});
