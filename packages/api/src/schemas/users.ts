import {
  EMAIL_MAX_LENGTH,
  LOCALES,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PERSON_NAME_MAX_LENGTH,
  USER_ROLES,
} from '@switchboard/validators';
import { z } from 'zod';

export const userRole = z.enum(USER_ROLES);

export const user = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: userRole,
  /** The dashboard language the user chose, or null while they have not chosen one. */
  locale: z.enum(LOCALES).nullable(),
  createdAt: z.number(),
});

// ── auth ─────────────────────────────────────────────────────────────────────────────────────────────

const credentials = {
  email: z.string().trim().min(3, 'Email is required').max(EMAIL_MAX_LENGTH),
  password: z.string().min(1, 'Password is required').max(PASSWORD_MAX_LENGTH),
};

export const loginInput = z.object(credentials);

export const setupInput = z.object({
  ...credentials,
  name: z.string().trim().min(1, 'Name is required').max(PERSON_NAME_MAX_LENGTH),
});

/** Checked by the service, so an unknown language gets a sentence naming the ones there are. */
export const setLocaleInput = z.object({ locale: z.string().trim().min(1).max(35) });

export const meOutput = z.object({ user: user.nullable(), needsSetup: z.boolean() });

// ── users (admins) ───────────────────────────────────────────────────────────────────────────────────

const userId = z.string().min(1).max(64);
const password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH);

export const userCreateInput = z.object({
  email: z.string().trim().min(3).max(EMAIL_MAX_LENGTH),
  name: z.string().trim().min(1, 'Name is required').max(PERSON_NAME_MAX_LENGTH),
  password,
  role: userRole.default('operator'),
});

export const userUpdateInput = z.object({
  id: userId,
  name: z.string().trim().min(1).max(PERSON_NAME_MAX_LENGTH).optional(),
  role: userRole.optional(),
  password: password.optional(),
});

export const userDeleteInput = z.object({ id: userId });
