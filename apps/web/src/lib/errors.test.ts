import { describe, expect, it } from 'vitest';
import { errorCode, errorMessage, retryAfterSeconds } from './errors.ts';

describe('errorMessage', () => {
  it('shows the server wording as it is', () => {
    expect(errorMessage(new Error('Session x is not connected (status: qr)'))).toBe(
      'Session x is not connected (status: qr)',
    );
  });

  it('explains a network failure, which the server could not word', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/cannot reach the server/i);
  });
});

describe('error data', () => {
  it('reads the wait time and code the server attached', () => {
    const error = Object.assign(new Error('Too many sign-in attempts. Try again in 42 s.'), {
      data: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 42 },
    });
    expect(retryAfterSeconds(error)).toBe(42);
    expect(errorCode(error)).toBe('TOO_MANY_REQUESTS');
    expect(retryAfterSeconds(new Error('x'))).toBeNull();
    expect(retryAfterSeconds({ data: { retryAfterSeconds: null } })).toBeNull();
  });
});
