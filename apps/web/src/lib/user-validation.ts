import {
  EMAIL_MAX_LENGTH,
  EMAIL_SHAPE,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PERSON_NAME_MAX_LENGTH,
} from '@switchboard/validators';

/** The checks the server makes on users (the shared rules), worded for a form. */
export function emailProblem(email: string): string | null {
  const value = email.trim();
  if (value.length === 0) return 'Enter an email address.';
  if (value.length > EMAIL_MAX_LENGTH) return `At most ${EMAIL_MAX_LENGTH} characters.`;
  if (!EMAIL_SHAPE.test(value)) return 'Enter an email address like name@example.com.';
  return null;
}

export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `At least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `At most ${PASSWORD_MAX_LENGTH} characters.`;
  return null;
}

export function personNameProblem(name: string): string | null {
  const value = name.trim();
  if (value.length === 0) return 'Enter a name.';
  if (value.length > PERSON_NAME_MAX_LENGTH) return `At most ${PERSON_NAME_MAX_LENGTH} characters.`;
  return null;
}
