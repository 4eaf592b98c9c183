import { describe, expect, it } from 'vitest';
import { DEFAULT_STOP_WORDS, isStopWord } from './stop-words.ts';

describe('stop words', () => {
  it('match the whole trimmed message in any case, with trailing punctuation', () => {
    for (const text of ['STOP', ' stop ', 'Stop!', '"unsubscribe"', 'Parar.', 'sair', 'BERHENTI'])
      expect(isStopWord(text, DEFAULT_STOP_WORDS), text).toBe(true);
  });

  it('do not match a message that merely contains one', () => {
    expect(isStopWord('please stop the music', DEFAULT_STOP_WORDS)).toBe(false);
    expect(isStopWord('', DEFAULT_STOP_WORDS)).toBe(false);
  });

  it('match Arabic written with diacritics, tatweel or another alef', () => {
    expect(isStopWord('إيقاف', DEFAULT_STOP_WORDS)).toBe(true);
    expect(isStopWord('ايقاف', DEFAULT_STOP_WORDS)).toBe(true);
    expect(isStopWord('إِيقَاف', DEFAULT_STOP_WORDS)).toBe(true);
    expect(isStopWord('إيقـــاف', DEFAULT_STOP_WORDS)).toBe(true);
  });

  it('use the account’s own words when it has some', () => {
    expect(isStopWord('basta', ['basta'])).toBe(true);
    expect(isStopWord('stop', ['basta'])).toBe(false);
  });
});
