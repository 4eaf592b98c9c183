/**
 * Calendar days in a time zone, as the instants they start and end. SQLite knows no time zones, so the
 * overview hands it these ranges and lets it put each message into its day; computing the ranges per day
 * (not one fixed offset) keeps days right across daylight-saving changes, when one is 23 or 25 hours long.
 */
export interface DayRange {
  /** The local date, `YYYY-MM-DD`. */
  date: string;
  /** First instant of the day (ms since epoch), inclusive. */
  start: number;
  /** First instant of the next day, exclusive. */
  end: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

interface Wall {
  year: number;
  month: number;
  day: number;
}

/** The last `count` days in `timeZone`, oldest first, today (as of `now`) last. */
export function lastDays(count: number, timeZone: string, now = Date.now()): DayRange[] {
  const clock = new ZoneClock(timeZone);
  const today = clock.wall(now);
  const todayUtc = Date.UTC(today.year, today.month - 1, today.day);
  const dates = Array.from({ length: count + 1 }, (_, i) => wallOfUtc(todayUtc - (count - 1 - i) * DAY_MS));
  const starts = dates.map((d) => clock.startOf(d));
  return dates.slice(0, count).map((d, i) => ({
    date: isoDate(d),
    start: starts[i] as number,
    end: starts[i + 1] as number,
  }));
}

/** Reads wall-clock dates and times in one zone. */
class ZoneClock {
  readonly #format: Intl.DateTimeFormat;

  constructor(timeZone: string) {
    this.#format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  wall(at: number): Wall & { hour: number; minute: number; second: number } {
    const parts: Record<string, number> = {};
    for (const p of this.#format.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    return {
      year: parts.year ?? 0,
      month: parts.month ?? 0,
      day: parts.day ?? 0,
      hour: parts.hour ?? 0,
      minute: parts.minute ?? 0,
      second: parts.second ?? 0,
    };
  }

  /** How far the zone's wall clock is ahead of UTC at `at`. */
  offset(at: number): number {
    const w = this.wall(at);
    const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    return wallAsUtc - (at - (((at % 1000) + 1000) % 1000));
  }

  /**
   * The first instant of a local date: local midnight, or — where a clock change skips midnight — the first
   * instant that reads as that date.
   */
  startOf(date: Wall): number {
    const midnightAsUtc = Date.UTC(date.year, date.month - 1, date.day);
    const first = midnightAsUtc - this.offset(midnightAsUtc);
    const second = midnightAsUtc - this.offset(first);
    return isoDate(this.wall(second)) === isoDate(date) ? Math.min(first, second) : first;
  }
}

function wallOfUtc(at: number): Wall {
  const d = new Date(at);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDate = (d: Wall) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
