import { i18n } from '../i18n/i18n.ts';
/**
 * The server phrases its errors for people (`error.message`); the dashboard shows them as they are.
 * Only a network failure gets words of our own, since the server could not say anything.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    if (/Failed to fetch|NetworkError|Load failed/i.test(error.message)) {
      return i18n.t('common.errors.network');
    }
    return error.message;
  }
  if (typeof error === 'string') return error;
  return i18n.t('common.errors.unknown');
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
