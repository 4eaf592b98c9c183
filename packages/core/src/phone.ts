import { isLid, parsePhone } from '@switchboard/validators';
import { AppError } from './errors.ts';

/**
 * A phone number typed by a person or sent by an integrator, in WhatsApp's form (international digits
 * without "+"), or BAD_REQUEST naming the field and what to fix.
 */
export function normalisePhone(input: string, field = 'Phone number'): string {
  const parsed = parsePhone(input);
  if (parsed.ok) return parsed.digits;
  const trimmed = input.trim();
  throw new AppError(
    'BAD_REQUEST',
    parsed.problem === 'invalid'
      ? `${field} "${trimmed}" is not a valid phone number: check the country code and the number of digits`
      : `${field} "${trimmed}" is not a phone number: use international form with country code, e.g. +4915123456789`,
    { reason: 'phone.invalid', params: { value: trimmed } },
  );
}

/**
 * Whom to send to: a phone number (normalised as above), or the LID (`…@lid`) of someone WhatsApp names only
 * by it — the inbox keeps such contacts under their LID, and replies go there.
 */
export function normaliseRecipient(input: string, field = 'Recipient'): string {
  const trimmed = input.trim().toLowerCase();
  return isLid(trimmed) ? trimmed : normalisePhone(input, field);
}
