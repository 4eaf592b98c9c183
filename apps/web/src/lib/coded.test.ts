import {
  CODED_REASONS,
  type Coded,
  coded,
  DEFAULT_PACING,
  LOCALES,
  pacingProblems,
} from '@switchboard/validators';
import { afterEach, describe, expect, it } from 'vitest';
import { type Catalogue, flatten } from '../i18n/catalogue.ts';
import { i18n, loadCatalogue } from '../i18n/i18n.ts';
import { sayCoded, saySaid } from './coded.ts';

const camel = (code: string) => code.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

describe('coded sentences', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it.each(LOCALES)('%s has a sentence for every code the server sends', async (locale) => {
    const sentences = flatten((await loadCatalogue(locale)) as Catalogue);
    const missing = CODED_REASONS.filter((code) => !sentences.get(`reasons.${camel(code)}`)?.trim());
    expect(missing).toEqual([]);
  });

  it('keeps the server words in English', () => {
    expect(sayCoded('QR code not scanned in time', coded('session.qr_not_scanned'))).toBe(
      'QR code not scanned in time',
    );
  });

  it('says a retried failure in Arabic, the cause inside, the status in words', async () => {
    i18n.addResourceBundle('ar', 'translation', await loadCatalogue('ar'));
    await i18n.changeLanguage('ar');
    const retrying: Coded = {
      ...coded('session.retrying', { seconds: 15, attempt: 2 }),
      cause: coded('session.start_timeout', { seconds: 60 }),
    };
    expect(sayCoded('The session did not start within 60 s — retrying in 15 s (attempt 2)', retrying)).toBe(
      'لم تبدأ الجلسة خلال 60 ث — إعادة المحاولة بعد 15 ث (المحاولة 2).',
    );
    expect(sayCoded('x', coded('attention.stuck', { status: 'reconnecting', minutes: 12 }))).toMatch(
      / 12 د\.$/,
    );
    // Words with no code of their own stay as the server wrote them; so does a row with no code at all.
    expect(sayCoded('net::ERR_FAILED', coded('text', { text: 'net::ERR_FAILED' }))).toBe('net::ERR_FAILED');
    expect(sayCoded('Old reason', null)).toBe('Old reason');
  });

  it("says the shared checks' problems in Spanish, template examples as typed", async () => {
    i18n.addResourceBundle('es', 'translation', await loadCatalogue('es'));
    await i18n.changeLanguage('es');
    const [problem] = pacingProblems({ ...DEFAULT_PACING, dailyCap: 0 });
    expect(saySaid(problem!)).toBe('El límite diario debe ser al menos 1.');
    expect(sayCoded('x', coded('template.unclosed'))).toBe(
      'Hay un marcador sin cerrar: escribe las variables como {{name}} o {{name|fallback}}.',
    );
  });
});
