/**
 * Opt-out by reply: a message that is nothing but a stop word ("STOP", "parar", "إيقاف") puts the sender on
 * the account's suppression list. Matched on the trimmed message, ignoring case, accents' composed forms,
 * trailing punctuation, and the ways Arabic is commonly written (diacritics, tatweel, alef and yeh forms).
 */
export const DEFAULT_STOP_WORDS = ['STOP', 'UNSUBSCRIBE', 'PARAR', 'SAIR', 'BERHENTI', 'إيقاف'] as const;

export const STOP_WORD_MAX_LENGTH = 40;
export const MAX_STOP_WORDS = 50;
export const OPT_OUT_REPLY_MAX_LENGTH = 1000;

/** The form a message and a stop word are compared in. */
export function normaliseStopText(text: string): string {
  return (
    text
      .normalize('NFKC')
      .trim()
      .toLocaleLowerCase('und')
      // Arabic: drop diacritics (harakat, superscript alef) and tatweel; one alef, one yeh, one heh.
      .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
      .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
      .replace(/\u0649/g, '\u064A')
      .replace(/\u0629/g, '\u0647')
      // "Stop!" and "stop." are still stop; so is a stop word in quotes.
      .replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '')
      .replace(/\s+/g, ' ')
  );
}

export function isStopWord(message: string, stopWords: readonly string[]): boolean {
  const text = normaliseStopText(message);
  if (!text) return false;
  return stopWords.some((word) => normaliseStopText(word) === text);
}
