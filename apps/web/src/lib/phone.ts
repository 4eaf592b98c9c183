import { parsePhone } from '@switchboard/validators';
import { currentLocale, i18n } from '../i18n/i18n.ts';

/**
 * Phone numbers as the server accepts them: international form with the country code, "+" optional.
 * The same rule as the server (the shared validators), so the form never promises what the server then
 * refuses; only the wording is the form's.
 */
export type PhoneCheck =
  | { state: 'empty' }
  | { state: 'invalid'; problem: string }
  | { state: 'valid'; digits: string; international: string; country: string | null };

export function checkPhone(input: string): PhoneCheck {
  const parsed = parsePhone(input);
  if (!parsed.ok)
    return parsed.problem === 'empty'
      ? { state: 'empty' }
      : { state: 'invalid', problem: i18n.t(`forms.phone.${parsed.problem}`) };
  return {
    state: 'valid',
    digits: parsed.digits,
    international: parsed.international,
    country: parsed.country ? regionName(parsed.country) : null,
  };
}

function regionName(code: string): string {
  try {
    return new Intl.DisplayNames([currentLocale()], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
