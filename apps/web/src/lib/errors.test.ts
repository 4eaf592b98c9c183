import { afterEach, describe, expect, it } from 'vitest';
import { i18n, loadCatalogue } from '../i18n/i18n.ts';
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

/** An error as the tRPC client hands it over: the English message, and the reason and values in `data`. */
const refused = (message: string, reason: string, params: Record<string, string | number>) =>
  Object.assign(new Error(message), { data: { code: 'PRECONDITION_FAILED', reason, params } });

describe('errorMessage in the language shown', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('says a refusal the server named in that language, with its values', async () => {
    i18n.addResourceBundle('pt-BR', 'translation', await loadCatalogue('pt-BR'));
    await i18n.changeLanguage('pt-BR');
    const error = refused('Session sales-1 is not connected (status: qr)', 'session.not_connected', {
      id: 'sales-1',
      status: 'qr',
    });
    expect(errorMessage(error)).toBe('A sessão sales-1 não está conectada (aguardando leitura).');
  });

  it('keeps the server words in English, and for a reason it does not know yet', async () => {
    const error = refused('Session x not found', 'session.not_found', { id: 'x' });
    expect(errorMessage(error)).toBe('Session x not found');
    i18n.addResourceBundle('es', 'translation', await loadCatalogue('es'));
    await i18n.changeLanguage('es');
    expect(errorMessage(error)).toBe('No se encontró la sesión x.');
    expect(errorMessage(refused('Something new went wrong', 'something.new', {}))).toBe(
      'Something new went wrong',
    );
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
