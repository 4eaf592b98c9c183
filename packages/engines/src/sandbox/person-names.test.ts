import { describe, expect, it } from 'vitest';
import { PEOPLE, personName } from './person-names.ts';

describe('push names of virtual phones', () => {
  it('read like a first and a last name, the same every time for a number', () => {
    expect(personName('4915112344567')).toBe('Henry Johnson');
    expect(personName('4915112344567')).toBe(personName('4915112344567'));
    expect(personName('14155552671')).toMatch(/^\p{L}+ \p{L}+$/u);
  });

  it('tell apart numbers that end in the same four digits', () => {
    const names = ['4915112345678', '4917612345678', '5511912345678', '6281212345678'].map(personName);
    expect(new Set(names).size).toBe(4);
  });

  it('come from every language across a range of numbers', () => {
    const names = Array.from({ length: 200 }, (_, i) => personName(String(4915100000000 + i)));
    for (const people of PEOPLE) {
      expect(names.some((name) => people.last.includes(name.split(' ')[1] ?? ''))).toBe(true);
    }
    expect(new Set(names).size).toBeGreaterThan(150);
  });
});
