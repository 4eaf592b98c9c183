import { describe, expect, it } from 'vitest';
import { initialSender } from './sender-choice.ts';

const sessions = [
  { id: 'a', status: 'qr' },
  { id: 'b', status: 'connected' },
  { id: 'c', status: 'connected' },
] as const;

describe('initialSender', () => {
  it('prefers the address, then the remembered choice, then the first connected session', () => {
    expect(initialSender(sessions, 'c', 'a')).toBe('c');
    expect(initialSender(sessions, null, 'c')).toBe('c');
    expect(initialSender(sessions, null, null)).toBe('b');
  });

  it('falls back to the default sender before the first connected session', () => {
    expect(initialSender(sessions, null, null, 'c')).toBe('c');
    expect(initialSender(sessions, null, 'a', 'c')).toBe('a');
    expect(initialSender(sessions, null, null, 'gone')).toBe('b');
  });

  it('ignores sessions that are gone or not visible', () => {
    expect(initialSender(sessions, 'zzz', 'gone')).toBe('b');
    expect(initialSender([], null, 'a')).toBeNull();
  });
});
