import type { Locale } from '@switchboard/validators';

/** A language's words, by area: nested objects of strings (plural forms as `key_one`, `key_other`, …). */
export interface Catalogue {
  readonly [key: string]: string | Catalogue;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Every string of a catalogue by its dotted key, e.g. `sessions.list.count_one`. */
export function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/**
 * The keys a language must have to say everything English says: each plain key as it is, and each plural
 * key once per plural category of the language (Arabic: six, Indonesian: one).
 */
export function expectedKeys(english: Catalogue, locale: Locale): Set<string> {
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const keys = new Set<string>();
  for (const key of flatten(english).keys()) {
    const plural = PLURAL_SUFFIX.exec(key);
    if (!plural) keys.add(key);
    else for (const category of categories) keys.add(key.replace(PLURAL_SUFFIX, `_${category}`));
  }
  return keys;
}

/** The `{{placeholders}}` and `<tags>` of a string, which a translation must keep (it may drop `count`). */
export function markers(text: string): { values: Set<string>; tags: Set<string> } {
  return {
    values: new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1] ?? '')),
    tags: new Set([...text.matchAll(/<\/?([a-z]+)>/g)].map((m) => m[1] ?? '')),
  };
}

/** English key of a translated key: its plural form replaced by one English has. */
export function englishKey(key: string, english: Map<string, string>): string {
  if (english.has(key)) return key;
  const other = key.replace(PLURAL_SUFFIX, '_other');
  return english.has(other) ? other : key;
}
