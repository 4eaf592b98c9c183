import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Phone numbers as the server accepts them: international form with the country code, "+" optional.
 * The same checks as the server (same library, same metadata), so the form never promises what the
 * server then refuses.
 */
export type PhoneCheck =
  | { state: 'empty' }
  | { state: 'invalid'; problem: string }
  | { state: 'valid'; digits: string; international: string; country: string | null };

const SHAPE = /^\+[\d\s().-]{6,24}$/;

export function checkPhone(input: string): PhoneCheck {
  const trimmed = input.trim();
  if (trimmed.length === 0) return { state: 'empty' };
  const cleaned = trimmed.replace(/^00/, '+');
  const withPlus = cleaned.startsWith('+') ? cleaned : `+${cleaned}`;
  if (/[a-z]/i.test(withPlus))
    return { state: 'invalid', problem: 'Use digits only, e.g. +49 151 23456789.' };
  if (!SHAPE.test(withPlus)) {
    const digits = withPlus.replace(/\D/g, '');
    return {
      state: 'invalid',
      problem:
        digits.length < 6
          ? 'Too short: include the country code, e.g. +49 151 23456789.'
          : 'Use international form with the country code, e.g. +49 151 23456789.',
    };
  }
  const parsed = parsePhoneNumberFromString(withPlus);
  if (!parsed?.isValid()) {
    return {
      state: 'invalid',
      problem: 'Not a valid number: check the country code and the number of digits.',
    };
  }
  return {
    state: 'valid',
    digits: parsed.number.slice(1),
    international: parsed.formatInternational(),
    country: parsed.country ? regionName(parsed.country) : null,
  };
}

/** "4915123456789" → "+49 151 23456789"; anything unparseable is shown as "+digits". */
export function formatPhone(digits: string | null | undefined): string {
  if (!digits) return '';
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  return parsed ? parsed.formatInternational() : `+${digits}`;
}

function regionName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
