import { SESSION_ID_MAX_LENGTH, SESSION_ID_PATTERN, SESSION_NAME_MAX_LENGTH } from '@switchboard/validators';
import { i18n } from '../i18n/i18n.ts';

/** Why an id cannot be used, in words, or null when it can. */
export function sessionIdProblem(id: string, taken: readonly string[] = []): string | null {
  if (id.length === 0) return i18n.t('forms.sessionId.empty');
  if (id.length > SESSION_ID_MAX_LENGTH) return i18n.t('forms.atMost', { count: SESSION_ID_MAX_LENGTH });
  if (/[A-Z]/.test(id)) return i18n.t('forms.sessionId.uppercase');
  if (!/^[a-z0-9]/.test(id)) return i18n.t('forms.sessionId.start');
  if (!SESSION_ID_PATTERN.test(id)) return i18n.t('forms.sessionId.characters');
  if (taken.includes(id)) return i18n.t('forms.sessionId.taken', { id });
  return null;
}

export function sessionNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return i18n.t('forms.enterName');
  if (trimmed.length > SESSION_NAME_MAX_LENGTH)
    return i18n.t('forms.atMost', { count: SESSION_NAME_MAX_LENGTH });
  return null;
}
