import { describe, expect, it } from 'vitest';
import { SESSION_ID_PATTERN, slugifySessionName } from './session.ts';

describe('slugifySessionName', () => {
  it('turns a name into a lowercase slug', () => {
    expect(slugifySessionName('Sales — Berlin #1')).toBe('sales-berlin-1');
    expect(slugifySessionName('  Support Desk  ')).toBe('support-desk');
  });

  it('drops accents instead of the letters', () => {
    expect(slugifySessionName('Café Müller')).toBe('cafe-muller');
  });

  it('returns an empty id when nothing usable is left, so the form asks for one', () => {
    expect(slugifySessionName('!!!')).toBe('');
    expect(slugifySessionName('中文')).toBe('');
  });

  it('stays within 64 characters without a trailing dash', () => {
    const id = slugifySessionName(`${'a'.repeat(63)} b`);
    expect(id.length).toBeLessThanOrEqual(64);
    expect(id.endsWith('-')).toBe(false);
    expect(SESSION_ID_PATTERN.test(id)).toBe(true);
  });

  it('always yields an id the server accepts (or nothing)', () => {
    for (const name of ['A', '1st line', '-lead', 'x_y', 'Ünïcödé 2024', 'a/b\\c', '   ']) {
      const id = slugifySessionName(name);
      if (id) expect(SESSION_ID_PATTERN.test(id)).toBe(true);
    }
  });
});
