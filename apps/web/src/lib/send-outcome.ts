import type { Message } from './types.ts';

/** Where a send stands, from the real state of its messages (a file and its text are two). */
export type SendOutcome =
  | { state: 'waiting' }
  | { state: 'sent' }
  | { state: 'failed'; error: string | null }
  | { state: 'unconfirmed' };

/**
 * Failed as soon as one message failed; sent once every one reached WhatsApp (or further); unconfirmed when
 * WhatsApp never confirmed one (it may have gone out); waiting while any is still queued.
 */
export function sendOutcome(messages: readonly Message[]): SendOutcome {
  const failed = messages.find((m) => m.status === 'failed');
  if (failed) return { state: 'failed', error: failed.error };
  if (messages.some((m) => m.status === 'queued')) return { state: 'waiting' };
  if (messages.some((m) => m.status === 'unknown')) return { state: 'unconfirmed' };
  return { state: 'sent' };
}
