/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The value below which `p` percent of the samples fall (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Median of each field over rounds: rounds of one target, measured between the other targets' rounds. */
export function medians<K extends string>(rounds: readonly Record<K, number>[]): Record<K, number> {
  const first = rounds[0];
  if (!first) throw new Error('no rounds');
  return Object.fromEntries(
    Object.keys(first).map((key) => [key, median(rounds.map((r) => r[key as K]))]),
  ) as Record<K, number>;
}

const grouped = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A rate: "452 req/s", "14,100 req/s". */
export const perSecond = (value: number, unit = 'req/s') =>
  `${grouped(value >= 100 ? Math.round(value / 10) * 10 : value, value < 10 ? 1 : 0)} ${unit}`;

/** A duration given in ms: "0.3 ms", "68 ms", "2.57 s". */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** For figures measured in whole milliseconds (Date.now() on both ends): "2 ms", "13.4 s". */
export const wholeMs = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : duration(ms));

/** Switchboard's figure over the ceiling's: "0.03×". Higher is better for rates, lower for times. */
export function ratio(switchboard: number, ceiling: number): string {
  if (!Number.isFinite(switchboard) || !Number.isFinite(ceiling) || ceiling === 0) return '—';
  const r = switchboard / ceiling;
  const digits = r >= 10 ? 0 : r >= 1 ? 1 : r >= 0.1 ? 2 : r >= 0.01 ? 3 : 4;
  return `${grouped(r, digits)}×`;
}

export const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
export const count = (value: number) => grouped(value);
