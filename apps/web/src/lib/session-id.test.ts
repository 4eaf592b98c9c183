import { describe, expect, it } from 'vitest';
import { sessionIdProblem, sessionNameProblem } from './session-id.ts';

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
