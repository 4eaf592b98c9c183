import { isValidSessionId, SESSION_ID_PATTERN } from '@switchboard/validators';
import { describe, expect, it } from 'vitest';
import { deriveSessionId, newId } from './ids.ts';

describe('deriveSessionId', () => {
  it.each([
    ['Sales — Berlin #1', 'sales-berlin-1'],
    ['  Support  ', 'support'],
    ['Café Zürich', 'cafe-zurich'],
    ['ÅNGSTRÖM', 'angstrom'],
    ['crème brûlée / 2024', 'creme-brulee-2024'],
    ['under_score', 'under-score'],
    ['--lead--trail--', 'lead-trail'],
    ['a...b', 'a-b'],
    ['Ｆｕｌｌｗｉｄｔｈ１２', 'fullwidth12'],
    ['Team 🚀 Rocket', 'team-rocket'],
  ])('%j → %j', (name, id) => {
    expect(deriveSessionId(name)).toBe(id);
  });

  it.each(['', '   ', '!!!', '日本語', '🚀🚀', 'русский', '— — —'])(
    'falls back to "session" when nothing usable is left of %j',
    (name) => {
      expect(deriveSessionId(name)).toBe('session');
    },
  );

  it('keeps ids at most 64 characters without a trailing dash', () => {
    expect(deriveSessionId('a'.repeat(200))).toBe('a'.repeat(64));
    const cut = deriveSessionId(`${'a'.repeat(63)} b`);
    expect(cut).toBe('a'.repeat(63));
    const words = deriveSessionId('word '.repeat(40));
    expect(words.length).toBeLessThanOrEqual(64);
    expect(words.endsWith('-')).toBe(false);
  });

  it('always yields a valid id, whatever the name', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = ['a', 'Z', '9', ' ', '-', '_', '#', 'é', 'ß', 'ø', '日', '🚀', '\u0301', '.', '/', '\\'];
    for (let i = 0; i < 500; i++) {
      const length = Math.floor(random() * 120);
      const name = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const id = deriveSessionId(name);
      expect(id.length, name).toBeLessThanOrEqual(64);
      expect(id, name).toMatch(SESSION_ID_PATTERN);
      expect(isValidSessionId(id)).toBe(true);
    }
  });
});

describe('isValidSessionId', () => {
  it.each(['a', '0', 'sales-berlin-1', 'a_b', 'x'.repeat(64)])('accepts %j', (id) => {
    expect(isValidSessionId(id)).toBe(true);
  });

  it.each([
    '',
    'A',
    'Sales',
    '-a',
    '_a',
    '.',
    '..',
    '../etc',
    'a/b',
    'a b',
    'a.b',
    'x'.repeat(65),
    'é',
    'a\n',
  ])('refuses %j (ids are directory names)', (id) => {
    expect(isValidSessionId(id)).toBe(false);
  });
});

describe('newId', () => {
  it('gives distinct UUIDs', () => {
    const ids = new Set(Array.from({ length: 100 }, newId));
    expect(ids.size).toBe(100);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
