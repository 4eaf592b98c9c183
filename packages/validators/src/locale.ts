/**
 * The languages the dashboard speaks, as BCP 47 tags. The server stores a user's choice only from this
 * list; the dashboard offers a language only once its catalogue is complete.
 */
export const LOCALES = ['en', 'ar', 'pt-BR', 'es', 'id'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * The supported language closest to what a browser asks for (`navigator.languages`, most wanted first):
 * an exact tag wins, then the same base language ("pt-PT" → "pt-BR", "es-MX" → "es"), then English.
 */
export function matchLocale(wanted: readonly string[]): Locale {
  for (const tag of wanted) {
    const exact = LOCALES.find((l) => l.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const base = tag.split('-')[0]?.toLowerCase();
    const sameBase = LOCALES.find((l) => l.split('-')[0]?.toLowerCase() === base);
    if (sameBase) return sameBase;
  }
  return DEFAULT_LOCALE;
}
