import { describe, expect, it } from 'vitest';
import { lastDays } from './days.ts';

const HOUR = 60 * 60 * 1000;
const at = (iso: string) => Date.parse(iso);

describe('lastDays', () => {
  it('gives UTC days ending today, oldest first', () => {
    const days = lastDays(3, 'UTC', at('2026-11-30T09:15:00Z'));
    expect(days).toEqual([
      { date: '2026-11-28', start: at('2026-11-28T00:00:00Z'), end: at('2026-11-29T00:00:00Z') },
      { date: '2026-11-29', start: at('2026-11-29T00:00:00Z'), end: at('2026-11-30T00:00:00Z') },
      { date: '2026-11-30', start: at('2026-11-30T00:00:00Z'), end: at('2026-12-01T00:00:00Z') },
    ]);
  });

  it("takes today from the zone's clock, not UTC's", () => {
    // 22:30 UTC on the 30th is already 1 December in Tokyo and still the 30th in Los Angeles.
    const now = at('2026-11-30T22:30:00Z');
    expect(lastDays(1, 'Asia/Tokyo', now)[0]).toEqual({
      date: '2026-12-01',
      start: at('2026-11-30T15:00:00Z'),
      end: at('2026-12-01T15:00:00Z'),
    });
    expect(lastDays(1, 'America/Los_Angeles', now)[0]?.date).toBe('2026-11-30');
    expect(lastDays(1, 'Asia/Kolkata', now)[0]?.start).toBe(at('2026-11-30T18:30:00Z'));
  });

  it('has 23- and 25-hour days where the clocks change', () => {
    const spring = lastDays(1, 'Europe/Berlin', at('2026-03-29T12:00:00Z'))[0];
    expect(spring).toEqual({
      date: '2026-03-29',
      start: at('2026-03-28T23:00:00Z'),
      end: at('2026-03-29T22:00:00Z'),
    });
    const autumn = lastDays(1, 'Europe/Berlin', at('2026-10-25T12:00:00Z'))[0];
    expect(autumn && autumn.end - autumn.start).toBe(25 * HOUR);
  });

  it('starts a day at 01:00 where the clock skips midnight', () => {
    // Chile moves its clocks from 24:00 to 01:00 on the first Sunday of September.
    const [before, skipped] = lastDays(2, 'America/Santiago', at('2026-09-06T15:00:00Z'));
    expect(skipped?.date).toBe('2026-09-06');
    expect(skipped?.start).toBe(at('2026-09-06T04:00:00Z'));
    expect(before?.end).toBe(skipped?.start);
  });

  it('leaves no gap and no overlap between days', () => {
    const days = lastDays(90, 'America/New_York', at('2026-11-30T12:00:00Z'));
    expect(days).toHaveLength(90);
    for (let i = 1; i < days.length; i++) expect(days[i]?.start).toBe(days[i - 1]?.end);
  });
});
