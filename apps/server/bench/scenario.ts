import type { Row } from './table.ts';

/** How long and how often to measure: the full suite, or `--short` (the whole suite in under two minutes). */
export interface BenchOptions {
  short: boolean;
  /** Interleaved rounds per figure: each target measured once per round, the median reported. */
  rounds: number;
  /** How long one load round lasts. */
  roundSeconds: number;
  /** Keep-alive connections the load generator opens. */
  connections: number;
  /** Progress for the person waiting (stderr); the table is the result. */
  progress(line: string): void;
}

/** One scenario of `pnpm bench`: measures Switchboard and its ceilings, returns rows of the table. */
export interface Scenario {
  /** What `--only` selects it by. */
  name: string;
  about: string;
  run(options: BenchOptions): Promise<Row[]>;
}
