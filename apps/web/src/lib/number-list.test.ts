import { describe, expect, it } from 'vitest';
import { numbersInList } from './number-list.ts';

describe('a pasted list of numbers', () => {
  it('takes one number a line, or numbers separated by commas or semicolons, keeping their spaces', () => {
    expect(
      numbersInList('+49 151 2345 6789\r\n+1 202 555 0100, +44 7700 900123;  +55 11 91234 5678'),
    ).toEqual(['+49 151 2345 6789', '+1 202 555 0100', '+44 7700 900123', '+55 11 91234 5678']);
  });

  it('drops blank lines and stray separators, and keeps what is not a number for the server to name', () => {
    expect(numbersInList('\n\n +4915123456789 ,,\n call me \n;')).toEqual(['+4915123456789', 'call me']);
    expect(numbersInList('  \n , ')).toEqual([]);
  });
});
