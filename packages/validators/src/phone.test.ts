import { describe, expect, it } from 'vitest';
import { formatPhone } from './phone.ts';

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
