import { describe, expect, it } from 'vitest';
import { formatPhone, parsePhone } from './phone.ts';

describe('formatPhone', () => {
  it('formats stored digits for reading', () => {
    expect(formatPhone('4915123456789')).toBe('+49 1512 3456789');
    expect(formatPhone('14155550101')).toBe('+1 415 555 0101');
  });

  it('shows a privacy id (LID) as such, since the number behind it is hidden', () => {
    expect(formatPhone('86219306106800@lid')).toBe('LID 86219306106800');
  });

  it('shows nothing for a missing number', () => {
    expect(formatPhone(null)).toBe('');
  });
});

describe('parsePhone', () => {
  it('answers a number seen before the same way, also after thousands of others pushed it out', () => {
    const first = parsePhone('+49 151 2345-6789');
    expect(first).toEqual({
      ok: true,
      digits: '4915123456789',
      international: '+49 1512 3456789',
      country: 'DE',
    });
    expect(parsePhone('+49 151 2345-6789')).toEqual(first);
    for (let i = 0; i < 2500; i++) parsePhone(`+34 6${String(i).padStart(8, '0')}`);
    expect(parsePhone('+49 151 2345-6789')).toEqual(first);
    expect(parsePhone('+49 151')).toEqual({ ok: false, problem: 'invalid' });
  });

  it('hands out answers nobody can change for the next caller', () => {
    const answer = parsePhone('+55 11 91234-5678');
    expect(Object.isFrozen(answer)).toBe(true);
  });
});
