import { describe, expect, it } from 'vitest';
import { checkPhone } from './phone.ts';

describe('checkPhone', () => {
  it('treats an empty field as empty, not as an error', () => {
    expect(checkPhone('   ')).toEqual({ state: 'empty' });
  });

  it('accepts international numbers with or without "+" or "00", and normalises to digits', () => {
    for (const input of ['+49 151 2345 6789', '4915123456789', '0049 151 23456789', '+1 (415) 555-0101']) {
      const result = checkPhone(input);
      expect(result.state, input).toBe('valid');
    }
    const result = checkPhone('+49 151 2345-6789');
    expect(result).toMatchObject({ state: 'valid', digits: '4915123456789', country: 'Germany' });
  });

  it('explains a number that is too short or has letters', () => {
    expect(checkPhone('123')).toMatchObject({
      state: 'invalid',
      problem: expect.stringMatching(/too short/i),
    });
    expect(checkPhone('+49 abc')).toMatchObject({
      state: 'invalid',
      problem: expect.stringMatching(/digits/i),
    });
  });

  it('refuses numbers that cannot exist in their country', () => {
    expect(checkPhone('+49 123')).toMatchObject({ state: 'invalid' });
    expect(checkPhone('+999 1234567')).toMatchObject({
      state: 'invalid',
      problem: expect.stringMatching(/country code/),
    });
  });
});
