import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { AppError } from './errors.ts';

/**
 * Normalises a phone number typed by a person or sent by an integrator into WhatsApp's form: digits in
 * international format without "+" ("+49 151 2345-6789" → "4915123456789"). Numbers must carry their
 * country code; there is no default region because a gateway serves many countries.
 */
export function normalisePhone(input: string, field = 'Phone number'): string {
  const trimmed = input.trim();
  const cleaned = trimmed.replace(/^00/, '+');
  const withPlus = cleaned.startsWith('+') ? cleaned : `+${cleaned}`;
  if (!/^\+[\d\s().-]{6,24}$/.test(withPlus)) {
    throw new AppError(
      'BAD_REQUEST',
      `${field} "${trimmed}" is not a phone number: use international form with country code, e.g. +4915123456789`,
    );
  }
  const parsed = parsePhoneNumberFromString(withPlus);
  if (!parsed?.isValid()) {
    throw new AppError(
      'BAD_REQUEST',
      `${field} "${trimmed}" is not a valid phone number: check the country code and the number of digits`,
    );
  }
  return parsed.number.slice(1);
}
