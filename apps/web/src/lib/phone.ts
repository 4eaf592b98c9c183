import { type PhoneProblem, parsePhone } from '@switchboard/validators';

/**
 * Phone numbers as the server accepts them: international form with the country code, "+" optional.
 * The same rule as the server (the shared validators), so the form never promises what the server then
 * refuses; only the wording is the form's.
 */
export type PhoneCheck =
  | { state: 'empty' }
  | { state: 'invalid'; problem: string }
  | { state: 'valid'; digits: string; international: string; country: string | null };

const PROBLEMS: Record<Exclude<PhoneProblem, 'empty'>, string> = {
  letters: 'Use digits only, e.g. +49 151 23456789.',
  too_short: 'Too short: include the country code, e.g. +49 151 23456789.',
  shape: 'Use international form with the country code, e.g. +49 151 23456789.',
  invalid: 'Not a valid number: check the country code and the number of digits.',
};

export function checkPhone(input: string): PhoneCheck {
  const parsed = parsePhone(input);
  if (!parsed.ok)
    return parsed.problem === 'empty'
      ? { state: 'empty' }
      : { state: 'invalid', problem: PROBLEMS[parsed.problem] };
  return {
    state: 'valid',
    digits: parsed.digits,
    international: parsed.international,
    country: parsed.country ? regionName(parsed.country) : null,
  };
}

function regionName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
