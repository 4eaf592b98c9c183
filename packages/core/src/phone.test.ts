import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { normalisePhone } from './phone.ts';

function failure(input: string, field?: string): AppError {
  try {
    normalisePhone(input, field);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`"${input}" was accepted`);
}

describe('normalisePhone', () => {
  it.each([
    '+49 151 2345 6789',
    '+49 (151) 2345-6789',
    '+49.151.2345.6789',
    '004915123456789',
    '4915123456789',
    '+4915123456789',
    '  +49 151 23456789  ',
  ])('normalises %j to international digits without "+"', (input) => {
    expect(normalisePhone(input)).toBe('4915123456789');
  });

  it('accepts numbers of other countries', () => {
    expect(normalisePhone('+44 7911 123456')).toBe('447911123456');
    expect(normalisePhone('+1 (202) 555-0143')).toBe('12025550143');
    expect(normalisePhone('0033 6 12 34 56 78')).toBe('33612345678');
  });

  it.each(['12', 'abc', '', '   ', '+', '0049', '+49 151 2345 6789 0000 1111 2222 333'])(
    'refuses %j as not a phone number, with BAD_REQUEST and an example',
    (input) => {
      const error = failure(input);
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toContain('use international form with country code, e.g. +4915123456789');
    },
  );

  it.each(['+1 555 000 0000', '+49 12345', '+999 1234 5678', '+49 151 234'])(
    'refuses %j as an invalid number, saying what to check',
    (input) => {
      const error = failure(input);
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(/is (not a phone number|not a valid phone number)/);
    },
  );

  it('names the field and echoes the trimmed input', () => {
    expect(failure(' 12 ', 'Recipient').message).toBe(
      'Recipient "12" is not a phone number: use international form with country code, e.g. +4915123456789',
    );
    expect(failure('+1 555 000 0000').message).toBe(
      'Phone number "+1 555 000 0000" is not a valid phone number: check the country code and the number of digits',
    );
  });
});
