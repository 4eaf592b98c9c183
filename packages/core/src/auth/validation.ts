import {
  EMAIL_MAX_LENGTH,
  EMAIL_SHAPE,
  PERSON_NAME_MAX_LENGTH,
  USER_ROLES,
  type UserRole,
} from '@switchboard/validators';
import { AppError } from '../errors.ts';

/** Emails are the login, so they are compared in one canonical form: trimmed and lowercased. */
export const canonicalEmail = (email: string) => email.trim().toLowerCase();

/** Canonical email, or BAD_REQUEST saying what is wrong with it. */
export function normalizeEmail(email: string): string {
  const value = canonicalEmail(email);
  if (value.length === 0) throw new AppError('BAD_REQUEST', 'Email is required');
  if (value.length > EMAIL_MAX_LENGTH) {
    throw new AppError('BAD_REQUEST', `Email must be at most ${EMAIL_MAX_LENGTH} characters long`);
  }
  if (!EMAIL_SHAPE.test(value)) {
    throw new AppError('BAD_REQUEST', `"${value}" is not a valid email address`);
  }
  return value;
}

/** Trimmed display name, or BAD_REQUEST. */
export function normalizeName(name: string): string {
  const value = name.trim();
  if (value.length === 0) throw new AppError('BAD_REQUEST', 'Name is required');
  if (value.length > PERSON_NAME_MAX_LENGTH) {
    throw new AppError('BAD_REQUEST', `Name must be at most ${PERSON_NAME_MAX_LENGTH} characters long`);
  }
  return value;
}

/** Callers may be typed, but the value can still come from an unchecked request body. */
export function assertValidRole(role: string): asserts role is UserRole {
  if (!(USER_ROLES as readonly string[]).includes(role)) {
    throw new AppError('BAD_REQUEST', `Role must be one of: ${USER_ROLES.join(', ')}`);
  }
}
