import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatCountdown,
  formatDay,
  formatMoment,
  formatPairingCode,
  formatPercent,
  formatPhone,
  formatRelative,
  initials,
  phoneInText,
  secondsUntil,
} from './format.ts';

const now = Date.UTC(2025, 5, 15, 12, 0, 0);

describe('formatRelative', () => {
  it('reads like a person would say it', () => {
    expect(formatRelative(now - 10_000, now)).toBe('just now');
    expect(formatRelative(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(formatRelative(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(formatRelative(now - 30 * 3_600_000, now)).toBe('yesterday');
    expect(formatRelative(now - 4 * 86_400_000, now)).toBe('4 days ago');
    expect(formatRelative(now - 40 * 86_400_000, now)).toMatch(/2025/);
  });

  it('reads a moment slightly ahead of a stale clock as just now', () => {
    expect(formatRelative(now + 2_000, now)).toBe('just now');
    expect(formatRelative(now + 3 * 3_600_000, now)).toMatch(/2025/);
  });
});

describe('formatMoment', () => {
  it('leaves out the date on the same day, and the year always', () => {
    const local = new Date(2025, 5, 15, 9, 0).getTime();
    // Intl separates "PM" with a narrow no-break space.
    const moment = (at: number) => formatMoment(at, local).replace(/\s/g, ' ');
    expect(moment(local + 5.5 * 3_600_000)).toBe('2:30 PM');
    expect(moment(local + 24 * 3_600_000)).toBe('Jun 16, 9:00 AM');
  });
});

describe('countdown', () => {
  it('counts whole seconds down to zero, never below', () => {
    expect(secondsUntil(now + 4_200, now)).toBe(5);
    expect(secondsUntil(now - 1_000, now)).toBe(0);
    expect(formatCountdown(75)).toBe('1:15');
    expect(formatCountdown(9)).toBe('0:09');
    expect(formatCountdown(-3)).toBe('0:00');
  });
});

describe('formatPairingCode', () => {
  it('splits the eight characters the way WhatsApp shows them', () => {
    expect(formatPairingCode('abcd2345')).toBe('ABCD-2345');
    expect(formatPairingCode('ABCD-2345')).toBe('ABCD-2345');
  });
});

describe('small words', () => {
  it('abbreviates names to initials', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('ops@example.com')).toBe('OE');
    expect(initials('')).toBe('?');
  });
});
describe('overview figures', () => {
  it("formats counts, shares and the server's calendar dates", () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatPercent(0.9743)).toBe('97.4%');
    expect(formatPercent(1)).toBe('100%');
    // The date is already the right day: no time zone may move it to the day before.
    expect(formatDay('2026-11-30')).toBe('Nov 30');
    expect(formatDay('2026-01-01')).toBe('Jan 1');
  });
});

describe('formatPhone', () => {
  it('reads the same each time a number is shown, alone or inside a sentence', () => {
    for (let i = 0; i < 3; i++) {
      expect(formatPhone('4915123456789')).toBe('+49 1512 3456789');
      expect(phoneInText('4915123456789')).toBe('\u2066\u200e+49 1512 3456789\u200e\u2069');
    }
    expect(formatPhone('14155550101')).toBe('+1 415 555 0101');
    expect(formatPhone('86219306106800@lid')).toBe('LID 86219306106800');
  });

  it('still formats every number after thousands of others', () => {
    for (let i = 0; i < 25_000; i++) formatPhone(`4915100${String(i).padStart(6, '0')}`);
    expect(formatPhone('4915123456789')).toBe('+49 1512 3456789');
    expect(formatPhone('4915100024999')).toBe('+49 1510 0024999');
  });
});
