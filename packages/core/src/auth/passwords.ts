import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@switchboard/validators';
import { AppError } from '../errors.ts';

export interface PasswordHashOptions {
  /** KiB of memory per hash. */
  memoryCost: number;
  /** Passes over that memory. */
  timeCost: number;
  parallelism: number;
}

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane). Tests pass cheaper ones; production never should. */
export const DEFAULT_PASSWORD_HASH_OPTIONS: Readonly<PasswordHashOptions> = {
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

// `Algorithm` is an ambient const enum (unusable under isolatedModules, and `{}` at runtime): 2 is Argon2id.
const ARGON2ID = 2;

/** Throws BAD_REQUEST when the password is too short or too long to accept. */
export function assertValidPassword(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new AppError('BAD_REQUEST', `Password must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new AppError('BAD_REQUEST', `Password must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  }
}

/** Returns a PHC string ("$argon2id$v=19$m=…"): salt and parameters travel with the hash. */
export function hashPassword(
  password: string,
  options: PasswordHashOptions = DEFAULT_PASSWORD_HASH_OPTIONS,
): Promise<string> {
  return hash(password, { ...options, algorithm: ARGON2ID });
}

/** Parameters come from the stored hash, so hashes made with older settings still verify. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  // An over-long input cannot match anything we stored; refuse it before doing the expensive part.
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a "no", not a crash of the login endpoint.
    return false;
  }
}
