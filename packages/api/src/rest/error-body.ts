import { getTRPCErrorFromUnknown, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { z } from 'zod';
import { publicMessage, reasonOf, retryAfterOf, toTRPCError } from '../errors.ts';
import { errorRef } from '../internal-errors.ts';
import type { RestErrorBody } from './document.ts';

/** An error as REST (and every plain route under `/api`) answers it: the status, and the shared JSON body. */
export interface RestErrorAnswer {
  status: number;
  body: RestErrorBody;
  /** The error as tRPC names it, for the log (internal ones are logged with their reference). */
  error: TRPCError;
}

/**
 * What to answer for an error: a domain error keeps its code and words, invalid input is a 400 naming each
 * field, a database that refuses writes a 503, and anything else an internal error with a reference.
 */
export function restErrorOf(thrown: unknown): RestErrorAnswer {
  const mapped =
    thrown instanceof z.ZodError
      ? new TRPCError({ code: 'BAD_REQUEST', message: 'Invalid input', cause: thrown })
      : toTRPCError(thrown);
  const error = getTRPCErrorFromUnknown(mapped);
  const retryAfterSeconds = retryAfterOf(error);
  const why = reasonOf(error);
  const issues =
    error.cause instanceof z.ZodError
      ? error.cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
      : undefined;
  return {
    status: getHTTPStatusCodeFromError(error),
    error,
    body: {
      code: error.code,
      message: publicMessage(error),
      ...(why && { reason: why.reason, params: why.params }),
      ...(retryAfterSeconds !== null && { retryAfterSeconds }),
      ...(error.code === 'INTERNAL_SERVER_ERROR' && { ref: errorRef(error) }),
      ...(issues && { issues }),
    },
  };
}
