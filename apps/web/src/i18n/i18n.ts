import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale, matchLocale } from '@switchboard/validators';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Catalogue } from './catalogue.ts';
import en from './locales/en/index.ts';

/**
 * The dashboard's one i18next instance. English is bundled and ready before the first render; every other
 * language is its own chunk, fetched when chosen (an English user never downloads Arabic).
 */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  resources: { en: { translation: en } },
  // React escapes what it renders; escaping here too would show "&amp;" in names.
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** Each language named in itself, the way a speaker looks for it in a list. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  ar: 'العربية',
  'pt-BR': 'Português (Brasil)',
  es: 'Español',
  id: 'Bahasa Indonesia',
};

const RIGHT_TO_LEFT = new Set<Locale>(['ar']);

export function textDirection(locale: Locale): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}

/** The other catalogues, one lazily loaded chunk each. */
const LOADERS: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Catalogue }>> = {
  ar: () => import('./locales/ar/index.ts'),
  'pt-BR': () => import('./locales/pt-BR/index.ts'),
  es: () => import('./locales/es/index.ts'),
  id: () => import('./locales/id/index.ts'),
};

/** A language's catalogue (English is at hand; the others are fetched). */
export async function loadCatalogue(locale: Locale): Promise<Catalogue> {
  return locale === 'en' ? en : (await LOADERS[locale]()).default;
}

/** The language the dashboard shows now. */
export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

/** Loads a language's catalogue if needed, switches to it and turns the page's `lang` and `dir` with it. */
export async function applyLocale(locale: Locale): Promise<void> {
  if (!i18n.hasResourceBundle(locale, 'translation'))
    i18n.addResourceBundle(locale, 'translation', await loadCatalogue(locale));
  await i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
  document.documentElement.dir = textDirection(locale);
}

const STORAGE_KEY = 'switchboard.locale';

/** The language saved on this device, else the browser's best match. */
export function deviceLocale(): Locale {
  const saved = readSaved();
  return saved ?? matchLocale(navigator.languages ?? [navigator.language]);
}

function readSaved(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value && isLocale(value) ? value : null;
  } catch {
    // Storage can be switched off (private modes, policies): the browser's language still applies.
    return null;
  }
}

export function saveOnDevice(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not saved on this device; the server still remembers it for the user.
  }
}
