import { ERROR_REASONS, type ErrorParams, type ErrorReason, SESSION_STATUSES } from '@switchboard/validators';
import type { ParseKeys } from 'i18next';
import { currentLocale, i18n } from '../i18n/i18n.ts';

/**
 * The server phrases its errors for people (`error.message`) in English, and names the ones a person meets
 * with a stable reason and its values (`error.data.reason`, `params`). In English the dashboard shows the
 * server's words (they can say more); in another language, the catalogue's sentence for the reason — and
 * the server's words for a reason it does not know yet. Only a network failure gets words of our own.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    if (/Failed to fetch|NetworkError|Load failed/i.test(error.message))
      return i18n.t('common.errors.network');
    const why = reasonOf(error);
    if (why && currentLocale() !== 'en')
      return i18n.t(REASON_KEYS[why.reason], { ...wordsFor(why), defaultValue: error.message });
    return error.message;
  }
  if (typeof error === 'string') return error;
  return i18n.t('common.errors.unknown');
}

/** Where each reason's sentence is in the catalogue (a new reason without one fails the type check). */
const REASON_KEYS = {
  'auth.sign_in_required': 'serverErrors.auth.signInRequired',
  'auth.wrong_credentials': 'serverErrors.auth.wrongCredentials',
  'auth.too_many_attempts': 'serverErrors.auth.tooManyAttempts',
  'auth.key_rate_limited': 'serverErrors.auth.keyRateLimited',
  'session.not_found': 'serverErrors.session.notFound',
  'session.id_taken': 'serverErrors.session.idTaken',
  'session.not_connected': 'serverErrors.session.notConnected',
  'phone.invalid': 'serverErrors.phone.invalid',
  'url.invalid': 'serverErrors.url.invalid',
  'media.too_large': 'serverErrors.media.tooLarge',
  'locale.unsupported': 'serverErrors.locale.unsupported',
  'conversation.assignee_cannot_see': 'serverErrors.conversation.assigneeCannotSee',
} as const satisfies Record<ErrorReason, ParseKeys>;

/** The reason and values the server attached, if it attached a reason this dashboard knows. */
export function reasonOf(error: unknown): { reason: ErrorReason; params: ErrorParams } | null {
  if (typeof error !== 'object' || error === null || !('data' in error)) return null;
  const data = (error as { data?: { reason?: unknown; params?: unknown } }).data;
  const reason = ERROR_REASONS.find((r) => r === data?.reason);
  if (!reason) return null;
  const params = typeof data?.params === 'object' && data.params !== null ? (data.params as ErrorParams) : {};
  return { reason, params };
}

/** The values as the sentence should show them: a session's status in words rather than its code. */
function wordsFor({ reason, params }: { reason: ErrorReason; params: ErrorParams }): Record<string, string> {
  const words: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) words[key] = String(value);
  const status = SESSION_STATUSES.find((s) => s === params.status);
  if (reason === 'session.not_connected' && status)
    words.status = i18n.t(`sessions.status.${status}.label`).toLowerCase();
  return words;
}

/** Seconds to wait before retrying, when the server said so (rate-limited sign-in). */
export function retryAfterSeconds(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('data' in error)) return null;
  const data = (error as { data?: { retryAfterSeconds?: unknown } }).data;
  const value = data?.retryAfterSeconds;
  return typeof value === 'number' && value > 0 ? value : null;
}

export function errorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('data' in error)) return null;
  const code = (error as { data?: { code?: unknown } }).data?.code;
  return typeof code === 'string' ? code : null;
}
