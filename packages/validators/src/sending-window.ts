import { minutesOf, type SendingWindow } from './campaign.ts';

/**
 * Sending hours in a time zone: whether a moment falls inside them and when they open next. Plain Intl, so
 * the server (for pausing and resuming) and the dashboard (for the estimate) agree.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  /** 1 (Monday) to 7 (Sunday). */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAY[parts.weekday ?? ''] ?? 1,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The instant at which the local date (y-m-d) shows `minutes` past midnight in `timeZone`. */
function zonedInstant(year: number, month: number, day: number, minutes: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day, 0, minutes);
  const offsetAt = (t: number) => {
    const p = zonedParts(t, timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, 0, p.minutes) - Math.floor(t / 60_000) * 60_000;
  };
  const first = asUtc - offsetAt(asUtc);
  // Across a daylight-saving change the offset at the result can differ from the guess's: take it once more.
  const second = asUtc - offsetAt(first);
  return second;
}

function bounds(window: SendingWindow): { start: number; end: number } {
  return { start: minutesOf(window.start) ?? 0, end: minutesOf(window.end) ?? 0 };
}

export function isInWindow(ms: number, window: SendingWindow): boolean {
  const { start, end } = bounds(window);
  const p = zonedParts(ms, window.timeZone);
  if (start < end) return window.days.includes(p.weekday) && p.minutes >= start && p.minutes < end;
  // Overnight (22:00-06:00): the small hours belong to the window that opened the evening before.
  const previous = p.weekday === 1 ? 7 : p.weekday - 1;
  return (
    (window.days.includes(p.weekday) && p.minutes >= start) ||
    (window.days.includes(previous) && p.minutes < end)
  );
}

/** `ms` itself when inside the window, else when it next opens (null if it never does). */
export function nextWindowStart(ms: number, window: SendingWindow): number | null {
  if (isInWindow(ms, window)) return ms;
  const { start } = bounds(window);
  const today = zonedParts(ms, window.timeZone);
  for (let offset = 0; offset <= 8; offset++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const opens = zonedInstant(
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      start,
      window.timeZone,
    );
    if (opens >= ms && isInWindow(opens, window)) return opens;
  }
  return null;
}

/** When the window that `ms` lies in closes (found to the minute). */
export function windowCloses(ms: number, window: SendingWindow): number {
  let t = Math.floor(ms / 60_000) * 60_000;
  // Whole hours first, then minutes: at most a day of steps.
  while (isInWindow(t + 3_600_000, window) && t - ms < DAY_MS) t += 3_600_000;
  while (isInWindow(t + 60_000, window) && t - ms < DAY_MS) t += 60_000;
  return t + 60_000;
}

/**
 * When `remaining` messages from `accounts` accounts would be sent, starting at `from`, under the pacing's
 * average gap, batch pauses, sending hours and daily cap (`usedToday` of which is already spent). An
 * estimate for people: caps are taken per 24 hours from the first message of each stretch.
 */
export function estimateFinish(input: {
  from: number;
  remaining: number;
  accounts: number;
  averageGapMs: number;
  batchSize: number;
  batchPauseMs: number;
  window: SendingWindow | null;
  dailyCap: number;
  usedToday?: number;
}): number | null {
  const perAccount = Math.ceil(input.remaining / Math.max(1, input.accounts));
  if (perAccount <= 0) return input.from;
  const each = input.averageGapMs + (input.batchSize > 0 ? input.batchPauseMs / input.batchSize : 0);
  let left = perAccount;
  let t = input.from;
  let periodStart = t;
  let used = Math.min(input.usedToday ?? 0, input.dailyCap);
  for (let guard = 0; guard < 2000 && left > 0; guard++) {
    const opens = input.window ? nextWindowStart(t, input.window) : t;
    if (opens === null) return null;
    t = opens;
    const closes = input.window ? windowCloses(t, input.window) : t + DAY_MS;
    const byTime = each > 0 ? Math.max(1, Math.floor((closes - t) / each)) : left;
    const n = Math.min(left, byTime, input.dailyCap - used);
    if (n > 0) {
      left -= n;
      used += n;
      t += n * each;
    }
    if (left === 0) break;
    if (used >= input.dailyCap) {
      t = Math.max(t, periodStart + DAY_MS);
      periodStart = t;
      used = 0;
    } else if (input.window) {
      t = Math.max(t, closes);
    }
  }
  return left > 0 ? null : t;
}
