import { LOCALES } from '@switchboard/validators';
import { describe, expect, it } from 'vitest';
import { type Catalogue, englishKey, expectedKeys, flatten, markers } from './catalogue.ts';
import { i18n, loadCatalogue } from './i18n.ts';
import en from './locales/en/index.ts';

const english = flatten(en);
const others = LOCALES.filter((l) => l !== 'en');

describe('catalogues', () => {
  it.each(others)('%s has exactly the keys English has, with its own plural forms', async (locale) => {
    const catalogue: Catalogue = await loadCatalogue(locale);
    const keys = [...flatten(catalogue).keys()].sort();
    expect(keys).toEqual([...expectedKeys(en, locale)].sort());
  });

  it.each(others)('%s keeps every placeholder and tag, and leaves nothing empty', async (locale) => {
    const problems: string[] = [];
    for (const [key, text] of flatten(await loadCatalogue(locale))) {
      const source = english.get(englishKey(key, english)) ?? '';
      const want = markers(source);
      const got = markers(text);
      if (text.trim() === '') problems.push(`${key}: empty`);
      // Arabic says "one session" and "two sessions" in words: those forms may leave the number out.
      const numberInWords = /_(zero|one|two)$/.test(key);
      for (const value of want.values)
        if (!got.values.has(value) && value !== 'count' && !numberInWords)
          problems.push(`${key}: lost {{${value}}}`);
      for (const value of got.values)
        if (!want.values.has(value)) problems.push(`${key}: unknown {{${value}}}`);
      for (const tag of want.tags) if (!got.tags.has(tag)) problems.push(`${key}: lost <${tag}>`);
    }
    expect(problems).toEqual([]);
  });

  it('reads Arabic plurals the way Arabic counts: 0, 1, 2, 3, 11 and 100 sessions', async () => {
    await i18n.changeLanguage('ar');
    i18n.addResourceBundle('ar', 'translation', await loadCatalogue('ar'));
    const rules = new Intl.PluralRules('ar');
    const said = [0, 1, 2, 3, 11, 100].map((count) => i18n.t('sessions.list.count', { count }));
    const catalogue = flatten(i18n.getResourceBundle('ar', 'translation') as Catalogue);
    const forms = [0, 1, 2, 3, 11, 100].map((count) =>
      catalogue.get(`sessions.list.count_${rules.select(count)}`)?.replace('{{count}}', String(count)),
    );
    expect(said).toEqual(forms);
    expect([0, 1, 2, 3, 11, 100].map((n) => rules.select(n))).toEqual([
      'zero',
      'one',
      'two',
      'few',
      'many',
      'other',
    ]);
    expect(said).toEqual(['لا توجد جلسات', 'جلسة واحدة', 'جلستان', '3 جلسات', '11 جلسةً', '100 جلسة']);
    await i18n.changeLanguage('en');
  });
});
