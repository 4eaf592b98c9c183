import { PASSWORD_MAX_LENGTH } from '@switchboard/validators';
import { describe, expect, it } from 'vitest';
import { assertValidPassword, hashPassword, verifyPassword } from './passwords.ts';
import { FAST_HASH } from './test-support.ts';

describe('passwords', () => {
  it('hashes with argon2id and the OWASP parameters by default', async () => {
    const hash = await hashPassword('s3cret-enough');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 's3cret-enough')).toBe(true);
    expect(await verifyPassword(hash, 's3cret-enougH')).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same-password', FAST_HASH),
      hashPassword('same-password', FAST_HASH),
    ]);
    expect(a).not.toBe(b);
  });

  it('treats a malformed stored hash or an over-long password as a mismatch', async () => {
    expect(await verifyPassword('not-a-hash', 'whatever1')).toBe(false);
    const hash = await hashPassword('x'.repeat(PASSWORD_MAX_LENGTH), FAST_HASH);
    expect(await verifyPassword(hash, 'x'.repeat(PASSWORD_MAX_LENGTH))).toBe(true);
    expect(await verifyPassword(hash, 'x'.repeat(PASSWORD_MAX_LENGTH + 1))).toBe(false);
  });

  it('enforces length bounds with BAD_REQUEST', () => {
    expect(() => assertValidPassword('short')).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
    expect(() => assertValidPassword('x'.repeat(PASSWORD_MAX_LENGTH + 1))).toThrow(/at most 256/);
    expect(() => assertValidPassword('12345678')).not.toThrow();
  });
});
