import 'i18next';
import type en from './locales/en/index.ts';

// The English catalogue is the source of truth for keys: a missing or misspelt key fails the type check,
// and so does a `{{value}}` left out of a call.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    strictInterpolationChecks: true;
  }
}
