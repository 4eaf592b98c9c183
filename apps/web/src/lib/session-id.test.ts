import { describe, expect, it } from 'vitest';
import { deriveSessionId, SESSION_ID_PATTERN, sessionIdProblem, sessionNameProblem } from './session-id.ts';

describe('deriveSessionId', () => {
  it('turns a name into a lowercase slug', () => {
    expect(deriveSessionId('Sales — Berlin #1')).toBe('sales-berlin-1');
    expect(deriveSessionId('  Support Desk  ')).toBe('support-desk');
  });

  it('drops accents instead of the letters', () => {
    expect(deriveSessionId('Café Müller')).toBe('cafe-muller');
  });

  it('returns an empty id when nothing usable is left, so the form asks for one', () => {
    expect(deriveSessionId('!!!')).toBe('');
    expect(deriveSessionId('中文')).toBe('');
  });

  it('stays within 64 characters without a trailing dash', () => {
    const id = deriveSessionId(`${'a'.repeat(63)} b`);
    expect(id.length).toBeLessThanOrEqual(64);
    expect(id.endsWith('-')).toBe(false);
    expect(SESSION_ID_PATTERN.test(id)).toBe(true);
  });

  it('always yields an id the server accepts (or nothing)', () => {
    for (const name of ['A', '1st line', '-lead', 'x_y', 'Ünïcödé 2024', 'a/b\\c', '   ']) {
      const id = deriveSessionId(name);
      if (id) expect(SESSION_ID_PATTERN.test(id)).toBe(true);
    }
  });
});

describe('sessionIdProblem', () => {
  it('accepts valid ids', () => {
    expect(sessionIdProblem('sales-1')).toBeNull();
    expect(sessionIdProblem('0_a')).toBeNull();
  });

  it('explains what is wrong', () => {
    expect(sessionIdProblem('')).toMatch(/enter an id/i);
    expect(sessionIdProblem('Sales')).toMatch(/lowercase/i);
    expect(sessionIdProblem('-sales')).toMatch(/start with a letter or a digit/i);
    expect(sessionIdProblem('sales desk')).toMatch(/only lowercase letters, digits/i);
    expect(sessionIdProblem('a'.repeat(65))).toMatch(/at most 64/i);
  });

  it('refuses an id that is already taken', () => {
    expect(sessionIdProblem('sales', ['sales', 'support'])).toMatch(/already exists/);
  });
});

describe('sessionNameProblem', () => {
  it('requires 1 to 100 characters after trimming', () => {
    expect(sessionNameProblem('  ')).toMatch(/enter a name/i);
    expect(sessionNameProblem('x'.repeat(101))).toMatch(/100/);
    expect(sessionNameProblem('Sales')).toBeNull();
  });
});
