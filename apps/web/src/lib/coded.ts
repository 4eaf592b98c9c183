import {
  type Coded,
  type CodedReason,
  type ErrorParams,
  type Said,
  SESSION_STATUSES,
} from '@switchboard/validators';
import type { ParseKeys } from 'i18next';
import { currentLocale, i18n } from '../i18n/i18n.ts';

/**
 * What the server (or a shared check) said, in the operator's language. The server keeps its English
 * sentence for API clients and sends beside it a stable code with the values it names (`statusReasonCoded`
 * beside `statusReason`, `errorCoded` beside `error`, …). In English the dashboard shows the server's words,
 * which can say more; in another language, the catalogue's sentence for the code — and the server's words
 * when it sent no code (a row written before codes existed).
 */
export function sayCoded(text: string, coded: Coded | null | undefined): string;
export function sayCoded(text: string | null, coded: Coded | null | undefined): string | null;
export function sayCoded(text: string | null, coded: Coded | null | undefined): string | null {
  if (!coded || currentLocale() === 'en') return text;
  // The wrapped sentence sits inside another one: without its full stop.
  const cause = coded.cause ? sentence(coded.cause, '').replace(/\.$/, '') : undefined;
  return sentence(coded, text ?? '', cause);
}

/** A shared check's sentence (a template, tag or pacing problem) in the operator's language. */
export const saySaid = (said: Said): string => sayCoded(said.text, said.coded);

/** A code as its catalogue key: `session.qr_not_scanned` is `reasons.session.qrNotScanned`. */
type KeyOf<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<KeyOf<Tail>>}`
  : S;

/** Every code's key, checked against the catalogue: a code without a sentence fails the type check. */
type ReasonKey = Known<`reasons.${KeyOf<CodedReason>}`>;
type Known<Key extends ParseKeys> = Key;

const keyOf = (reason: CodedReason) =>
  `reasons.${reason.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())}` as ReasonKey;

/** The code's sentence with its values; the server's words should the catalogue lack it. */
function sentence(
  { reason, params }: Pick<Coded, 'reason' | 'params'>,
  fallback: string,
  cause?: string,
): string {
  const values: Record<string, string> = { ...wordsFor(params), ...EXAMPLES };
  if (cause !== undefined) values.cause = cause;
  return i18n.t(keyOf(reason), { ...values, defaultValue: fallback });
}

/** Template examples the sentences show as they are typed (braces and all), not as placeholders. */
const EXAMPLES = { example: '{{name}}', exampleFallback: '{{name|fallback}}' };

/** The values as a sentence shows them: a session's status in words (mid-sentence, and as a label). */
function wordsFor(params: ErrorParams): Record<string, string> {
  const words: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) words[key] = String(value);
  const status = SESSION_STATUSES.find((s) => s === params.status);
  if (status) {
    words.statusLabel = i18n.t(`sessions.status.${status}.label`);
    words.status = words.statusLabel.toLocaleLowerCase(currentLocale());
  }
  return words;
}
