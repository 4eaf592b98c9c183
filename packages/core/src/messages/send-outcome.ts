import type { Message } from '@switchboard/db';
import { EngineSendError } from '@switchboard/engines/contract';
import { errorMessage, TimeoutError } from '../timeout.ts';

/** How a send ended, as its message row records it. */
export type SendOutcome = Pick<Message, 'externalId' | 'error'> & { status: 'sent' | 'failed' | 'unknown' };

/** WhatsApp took the message but named no id for it: receipts could never match it, so it is no plain `sent`. */
const NO_ID = 'WhatsApp took the message but gave no id for it: its receipts cannot be matched';

/** The engine accepted the message. */
export function accepted(externalId: string | undefined): SendOutcome {
  return externalId
    ? { status: 'sent', externalId, error: null }
    : { status: 'unknown', externalId: null, error: NO_ID };
}

/**
 * What a failed send means for the message. Only an engine that says the message never reached WhatsApp
 * makes it `failed`; one handed over before the failure is `unknown` (and never sent again), and so is a
 * send core stopped waiting for, since the engine may have handed it over meanwhile.
 */
export function refused(error: unknown): SendOutcome {
  if (error instanceof EngineSendError)
    return { status: error.outcome, externalId: error.externalId ?? null, error: error.message };
  if (error instanceof TimeoutError) return { status: 'unknown', externalId: null, error: error.message };
  return { status: 'failed', externalId: null, error: errorMessage(error) };
}

/** A message WhatsApp may hold under no id this server knows. */
export const lostTrack = (outcome: SendOutcome) => outcome.status === 'unknown' && !outcome.externalId;
