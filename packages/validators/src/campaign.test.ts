import { describe, expect, it } from 'vitest';
import { DEFAULT_PACING, pacingProblems, pacingWarnings, warmupCap } from './campaign.ts';
import { estimateFinish, isInWindow, nextWindowStart } from './sending-window.ts';
import { normaliseTag, tagProblem } from './tags.ts';

const BERLIN = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', timeZone: 'Europe/Berlin' };

describe('pacing', () => {
  it('accepts the defaults without a warning', () => {
    expect(pacingProblems(DEFAULT_PACING)).toEqual([]);
    expect(pacingWarnings(DEFAULT_PACING)).toEqual([]);
  });

  it('refuses a fixed gap and impossible hours, naming them', () => {
    const problems = pacingProblems({
      ...DEFAULT_PACING,
      minGapSeconds: 30,
      maxGapSeconds: 30,
      window: { days: [], start: '25:00', end: '08:00', timeZone: 'Mars/Olympus' },
    });
    const text = problems.map((p) => p.text).join(' ');
    expect(text).toMatch(/fixed gap/);
    expect(text).toMatch(/times like 09:00/);
    expect(text).toMatch(/at least one day/);
    expect(text).toMatch(/Mars\/Olympus/);
    // Each with its code, the time zone named for the dashboard's own sentence.
    expect(problems.map((p) => p.coded.reason)).toEqual([
      'pacing.gap_fixed',
      'pacing.hours_format',
      'pacing.no_days',
      'pacing.time_zone',
    ]);
    expect(problems.at(-1)?.coded.params).toEqual({ timeZone: 'Mars/Olympus' });
  });

  it('warns for each setting loosened past the defaults', () => {
    const warnings = pacingWarnings({
      ...DEFAULT_PACING,
      minGapSeconds: 1,
      maxGapSeconds: 2,
      window: null,
      dailyCap: 1000,
      warmup: false,
    });
    expect(warnings.map((w) => w.coded.reason)).toEqual([
      'pacing.risk_gap',
      'pacing.risk_night',
      'pacing.risk_daily_cap',
      'pacing.risk_warmup',
    ]);
  });

  it('caps young accounts harder', () => {
    expect(warmupCap(0)).toBe(20);
    expect(warmupCap(10)).toBe(100);
    expect(warmupCap(45)).toBeNull();
  });
});

describe('sending hours', () => {
  // Monday 6 January 2025, 07:30 UTC = 08:30 in Berlin (winter time).
  const monday0830 = Date.UTC(2025, 0, 6, 7, 30);

  it('tell whether a moment is inside, in the window’s time zone', () => {
    expect(isInWindow(monday0830, BERLIN)).toBe(false);
    expect(isInWindow(monday0830 + 30 * 60_000, BERLIN)).toBe(true);
    // Saturday noon.
    expect(isInWindow(Date.UTC(2025, 0, 11, 11, 0), BERLIN)).toBe(false);
  });

  it('open next at the start time of the next allowed day, across a weekend and a DST change', () => {
    expect(nextWindowStart(monday0830, BERLIN)).toBe(Date.UTC(2025, 0, 6, 8, 0));
    // Friday 28 March 2025 18:00 Berlin → Monday 31 March 09:00, which is summer time (UTC+2).
    expect(nextWindowStart(Date.UTC(2025, 2, 28, 17, 0), BERLIN)).toBe(Date.UTC(2025, 2, 31, 7, 0));
  });

  it('handle windows that run past midnight', () => {
    const night = { days: [5], start: '22:00', end: '02:00', timeZone: 'UTC' };
    // Friday 10 January 2025 23:00 and Saturday 01:00 are inside; Saturday 23:00 is not.
    expect(isInWindow(Date.UTC(2025, 0, 10, 23), night)).toBe(true);
    expect(isInWindow(Date.UTC(2025, 0, 11, 1), night)).toBe(true);
    expect(isInWindow(Date.UTC(2025, 0, 11, 23), night)).toBe(false);
  });

  it('estimate when a campaign finishes under the gaps, hours and cap', () => {
    const from = Date.UTC(2025, 0, 6, 8, 0);
    const base = { from, accounts: 1, averageGapMs: 60_000, batchSize: 0, batchPauseMs: 0 };
    // 100 messages a minute apart fit into one day's hours.
    expect(estimateFinish({ ...base, remaining: 100, window: BERLIN, dailyCap: 1000 })).toBe(
      from + 100 * 60_000,
    );
    // A cap of 50 a day stretches them over two days; two accounts halve it again.
    const capped = estimateFinish({ ...base, remaining: 100, window: null, dailyCap: 50 })!;
    expect(capped - from).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(estimateFinish({ ...base, accounts: 2, remaining: 100, window: null, dailyCap: 50 })).toBe(
      from + 50 * 60_000,
    );
  });
});

describe('tags', () => {
  it('are lowercase words', () => {
    expect(normaliseTag('  VIP  Clients ')).toBe('vip clients');
    expect(tagProblem('#hash')?.text).toMatch(/letters, digits/);
    expect(tagProblem('#hash')?.coded).toEqual({ reason: 'tag.characters', params: { tag: '#hash' } });
    expect(tagProblem('x'.repeat(40))?.text).toMatch(/at most 32/);
    expect(tagProblem('vip')).toBeNull();
  });
});
