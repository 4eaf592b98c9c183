import { isLid, parsePhone, type Said, said } from '@switchboard/validators';
import { AppError } from './errors.ts';

/**
 * A phone number typed by a person or sent by an integrator, in WhatsApp's form (international digits
 * without "+"), or BAD_REQUEST naming the field and what to fix.
 */
export function normalisePhone(input: string, field = 'Phone number'): string {
  const checked = checkPhone(input, field);
  if ('digits' in checked) return checked.digits;
  throw new AppError('BAD_REQUEST', checked.problem.text, {
    reason: 'phone.invalid',
    params: { value: input.trim() },
  });
}

/** The number's digits, or what is wrong with it in words and as a code (for lists that go on past it). */
export function checkPhone(input: string, field = 'Phone number'): { digits: string } | { problem: Said } {
  const parsed = parsePhone(input);
  if (parsed.ok) return { digits: parsed.digits };
  const value = input.trim();
  return {
    problem:
      parsed.problem === 'invalid'
        ? said(
            `${field} "${value}" is not a valid phone number: check the country code and the number of digits`,
            'import.invalid_phone',
            { value },
          )
        : said(
            `${field} "${value}" is not a phone number: use international form with country code, e.g. +4915123456789`,
            'import.not_a_phone',
            { value },
          ),
  };
}

/**
 * Whom to send to: a phone number (normalised as above), or the LID (`…@lid`) of someone WhatsApp names only
 * by it — the inbox keeps such contacts under their LID, and replies go there.
 */
export function normaliseRecipient(input: string, field = 'Recipient'): string {
  const trimmed = input.trim().toLowerCase();
  return isLid(trimmed) ? trimmed : normalisePhone(input, field);
}
