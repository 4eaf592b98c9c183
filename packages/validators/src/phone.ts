import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * A phone number as typed by a person or sent by an integrator, read the way WhatsApp needs it: digits in
 * international form without "+" ("+49 151 2345-6789" → "4915123456789"). Numbers must carry their country
 * code ("+" and "00" optional); there is no default region because a gateway serves many countries.
 */
export type PhoneParse =
  | {
      ok: true;
      digits: string;
      /** "+49 1512 3456789" */
      international: string;
      /** ISO 3166-1 alpha-2 region, when the number tells it. */
      country: string | null;
    }
  | { ok: false; problem: PhoneProblem };

/** How many numbers one `sessions.checkNumbers` call looks up on WhatsApp. */
export const MAX_NUMBER_CHECKS = 100;

/** Why a number was refused; callers word it for their audience. */
export type PhoneProblem = 'empty' | 'letters' | 'too_short' | 'shape' | 'invalid';

const SHAPE = /^\+[\d\s().-]{6,24}$/;

/**
 * Parsing a number with libphonenumber's full metadata costs more than storing the message it addresses,
 * and a gateway sees the same numbers again and again (replies, campaigns, retries): the latest answers are
 * kept, frozen, in a bounded map (oldest out first).
 */
const PARSED_KEPT = 2000;
const parsed = new Map<string, PhoneParse>();

export function parsePhone(input: string): PhoneParse {
  const known = parsed.get(input);
  if (known) return known;
  const result = Object.freeze(parseUncached(input));
  if (parsed.size >= PARSED_KEPT) parsed.delete(parsed.keys().next().value as string);
  parsed.set(input, result);
  return result;
}

function parseUncached(input: string): PhoneParse {
  const trimmed = input.trim();
  if (trimmed.length === 0) return { ok: false, problem: 'empty' };
  const cleaned = trimmed.replace(/^00/, '+');
  const withPlus = cleaned.startsWith('+') ? cleaned : `+${cleaned}`;
  if (/[a-z]/i.test(withPlus)) return { ok: false, problem: 'letters' };
  if (!SHAPE.test(withPlus))
    return { ok: false, problem: withPlus.replace(/\D/g, '').length < 6 ? 'too_short' : 'shape' };
  const number = parsePhoneNumberFromString(withPlus);
  if (!number?.isValid()) return { ok: false, problem: 'invalid' };
  return {
    ok: true,
    digits: number.number.slice(1),
    international: number.formatInternational(),
    country: number.country ?? null,
  };
}

/**
 * A WhatsApp privacy id ("LID", e.g. "86219306106800@lid"): WhatsApp names some people by it without
 * telling their number. It stays the same for a person, so Switchboard keeps contacts under it until the
 * number is known, and it can be written to like a number.
 */
export const LID_PATTERN = /^\d{1,32}@lid$/;
export const isLid = (value: string): value is `${string}@lid` => LID_PATTERN.test(value);

/**
 * "4915123456789" → "+49 1512 3456789"; a LID → "LID 86219306106800" (the number is hidden); anything
 * unparseable is shown as "+digits".
 */
export function formatPhone(digits: string | null | undefined): string {
  if (!digits) return '';
  if (isLid(digits)) return `LID ${digits.slice(0, -'@lid'.length)}`;
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  return parsed ? parsed.formatInternational() : `+${digits}`;
}
