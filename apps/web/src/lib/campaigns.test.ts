import { coded } from '@switchboard/validators';
import { describe, expect, it } from 'vitest';
import { type Counts, formatDuration, mergeReports, progressOf, reached } from './campaigns.ts';

const counts = (extra: Partial<Counts>): Counts => ({
  total: 0,
  pending: 0,
  sending: 0,
  sent: 0,
  delivered: 0,
  read: 0,
  failed: 0,
  skipped: 0,
  opted_out: 0,
  unknown: 0,
  replied: 0,
  ...extra,
});

describe('campaign figures', () => {
  it('count as done everyone no longer waiting, sent or not', () => {
    expect(progressOf(counts({ total: 10, pending: 6, sending: 1, read: 2, opted_out: 1 }))).toEqual({
      done: 3,
      total: 10,
      percent: 30,
    });
    expect(progressOf(counts({}))).toEqual({ done: 0, total: 0, percent: 0 });
    expect(reached(counts({ sent: 1, delivered: 2, read: 3, failed: 4 }))).toBe(6);
  });

  it('put durations in words', () => {
    expect(formatDuration(20_000)).toBe('less than a minute');
    expect(formatDuration(95 * 60_000)).toBe('1 h 35 min');
    expect(formatDuration(3 * 3_600_000)).toBe('3 h');
    expect(formatDuration(75 * 3_600_000)).toBe('3 days 3 h');
  });
});

describe('a CSV file sent in pieces', () => {
  it('reports as one file: counts added up, problem lines counted from the top of the file', () => {
    const piece = (added: number, line: number | null) => ({
      added,
      duplicates: 1,
      optedOut: 0,
      invalid: line === null ? 0 : 1,
      problems:
        line === null
          ? []
          : [
              {
                line,
                value: 'x',
                reason: 'Not a phone number',
                reasonCoded: coded('import.not_a_phone', { value: 'x' }),
              },
            ],
      total: added,
    });
    const merged = mergeReports([
      { report: piece(10, 3), rowsBefore: 0 },
      { report: { ...piece(5, 2), total: 15 }, rowsBefore: 12 },
      { report: { ...piece(1, null), total: 16 }, rowsBefore: 20 },
    ]);
    expect(merged).toMatchObject({ added: 16, duplicates: 3, invalid: 2, total: 16 });
    expect(merged.problems.map((p) => p.line)).toEqual([3, 14]);
  });
});
