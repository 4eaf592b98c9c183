import type { Message } from '@switchboard/db';
import { EngineSendError, type SendFailureReason } from '@switchboard/engines/contract';
import { type CodedReason, coded } from '@switchboard/validators';
import { AppError } from '../errors.ts';
import { errorMessage, TimeoutError } from '../timeout.ts';

/** How a send ended, as its message row records it. */
export type SendOutcome = Pick<Message, 'externalId' | 'error' | 'errorCoded'> & {
  status: 'sent' | 'failed' | 'unknown';
};

/** Why a send did not (certainly) reach WhatsApp: the engine's reason, or core giving up waiting. */
export type FailureReason = SendFailureReason | 'timeout';

/** WhatsApp took the message but named no id for it: receipts could never match it, so it is no plain `sent`. */
const NO_ID = 'WhatsApp took the message but gave no id for it: its receipts cannot be matched';

/** Each failure's code for the dashboard; `error` keeps the engine's words as the sentence's detail. */
const CODES: Record<FailureReason, CodedReason> = {
  not_connected: 'message.not_connected',
  not_on_whatsapp: 'message.not_on_whatsapp',
  no_lid: 'message.no_lid',
  reach_out_limited: 'message.reach_out_limited',
  no_message_id: 'message.no_id',
  timeout: 'message.timeout',
  error: 'message.send_error',
};

/** The engine accepted the message. */
export function accepted(externalId: string | undefined): SendOutcome {
  return externalId
    ? { status: 'sent', externalId, error: null, errorCoded: null }
    : { status: 'unknown', externalId: null, error: NO_ID, errorCoded: coded('message.no_id') };
}

/**
 * What a failed send means for the message. Only an engine that says the message never reached WhatsApp
 * makes it `failed`; one handed over before the failure is `unknown` (and never sent again), and so is a
 * send core stopped waiting for, since the engine may have handed it over meanwhile.
 */
export function refused(error: unknown): SendOutcome {
  const text = errorMessage(error);
  const errorCoded = coded(CODES[failureReason(error)], { detail: text });
  if (error instanceof EngineSendError)
    return { status: error.outcome, externalId: error.externalId ?? null, error: text, errorCoded };
  if (error instanceof TimeoutError) return { status: 'unknown', externalId: null, error: text, errorCoded };
  return { status: 'failed', externalId: null, error: text, errorCoded };
}

/** A receipt that says the message failed: WhatsApp's words and reason when the engine gave them. */
export function failedReceipt(
  error: string | undefined,
  reason: SendFailureReason | undefined,
): Pick<SendOutcome, 'error' | 'errorCoded'> {
  if (!error) return { error: REPORTED_FAILED, errorCoded: coded('message.reported_failed') };
  return { error, errorCoded: coded(CODES[reason ?? 'error'], { detail: error }) };
}

const REPORTED_FAILED = 'WhatsApp reported the message as failed';

/** Why a send did not (certainly) reach WhatsApp, for callers that act on it (campaigns pause on some). */
export function failureReason(error: unknown): FailureReason {
  if (error instanceof EngineSendError) return error.reason;
  if (error instanceof TimeoutError) return 'timeout';
  if (error instanceof AppError && error.code === 'PRECONDITION_FAILED') return 'not_connected';
  return 'error';
}

/** A message WhatsApp may hold under no id this server knows. */
export const lostTrack = (outcome: SendOutcome) => outcome.status === 'unknown' && !outcome.externalId;
