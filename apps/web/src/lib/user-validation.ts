import {
  EMAIL_MAX_LENGTH,
  EMAIL_SHAPE,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PERSON_NAME_MAX_LENGTH,
} from '@switchboard/validators';
import { i18n } from '../i18n/i18n.ts';

/** The checks the server makes on users (the shared rules), worded for a form. */
export function emailProblem(email: string): string | null {
  const value = email.trim();
  if (value.length === 0) return i18n.t('forms.enterEmail');
  if (value.length > EMAIL_MAX_LENGTH) return i18n.t('forms.atMost', { count: EMAIL_MAX_LENGTH });
  if (!EMAIL_SHAPE.test(value)) return i18n.t('forms.emailShape');
  return null;
}

export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return i18n.t('forms.atLeast', { count: PASSWORD_MIN_LENGTH });
  if (password.length > PASSWORD_MAX_LENGTH) return i18n.t('forms.atMost', { count: PASSWORD_MAX_LENGTH });
  return null;
}

export function personNameProblem(name: string): string | null {
  const value = name.trim();
  if (value.length === 0) return i18n.t('forms.enterName');
  if (value.length > PERSON_NAME_MAX_LENGTH) return i18n.t('forms.atMost', { count: PERSON_NAME_MAX_LENGTH });
  return null;
}
