import { describe, expect, it } from 'vitest';
import { emailProblem, passwordProblem, personNameProblem } from './user-validation.ts';

describe('user form validation', () => {
  it('checks emails loosely, like the server', () => {
    expect(emailProblem('ops@example.com')).toBeNull();
    expect(emailProblem('')).toMatch(/enter an email/i);
    expect(emailProblem('ops@example')).toMatch(/like name@example.com/);
  });

  it('requires passwords of at least 8 characters', () => {
    expect(passwordProblem('1234567')).toMatch(/at least 8/i);
    expect(passwordProblem('12345678')).toBeNull();
  });

  it('requires a name', () => {
    expect(personNameProblem(' ')).toMatch(/enter a name/i);
    expect(personNameProblem('Ada')).toBeNull();
  });
});
