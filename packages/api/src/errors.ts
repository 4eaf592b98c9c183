import { AppError, type AppErrorCode, unwritableReason } from '@switchboard/core';
import type { ErrorParams, ErrorReason } from '@switchboard/validators';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { errorRef, internalErrorMessage } from './internal-errors.ts';

/**
 * The HTTP status for each domain error code, the same tRPC answers with. REST and the plain routes under
 * `/api` answer with these too (`restErrorOf`, tested against this table), so one error means one status
 * everywhere.
 */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  TIMEOUT: 408,
  INTERNAL_SERVER_ERROR: 500,
  BAD_GATEWAY: 502,
};

/**
 * Domain errors keep their code and wording on the wire; a database that cannot be written (locked, full)
 * is a passing SERVICE_UNAVAILABLE, said plainly; anything else stays an internal error.
 */
export function toTRPCError(error: unknown): unknown {
  if (error instanceof AppError)
    return new TRPCError({ code: error.code, message: error.message, cause: error });
  const unwritable = unwritableReason(error);
  if (unwritable)
    return new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: `${unwritable}. Nothing was changed: try again in a moment`,
      cause: error,
    });
  return error;
}

/** Zod's raw issue list is for machines; people get one sentence per problem, naming the field. */
const readable = (error: z.ZodError) =>
  error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');

/**
 * What a client is told an error was, on every surface (tRPC, REST): domain messages as they are, invalid
 * input as one readable sentence per field, and for failures of our own only a reference to the log line
 * — their message may hold a file path or raw SQL.
 */
export function publicMessage(error: TRPCError): string {
  if (error.code === 'INTERNAL_SERVER_ERROR') return internalErrorMessage(errorRef(error));
  return error.cause instanceof z.ZodError ? readable(error.cause) : error.message;
}

/** The stable reason and its values, when the refusal has one (see ERROR_REASONS). */
export function reasonOf(error: TRPCError): { reason: ErrorReason; params: ErrorParams } | null {
  if (error.cause instanceof AppError && error.cause.reason)
    return { reason: error.cause.reason, params: error.cause.params ?? {} };
  return null;
}

/** For TOO_MANY_REQUESTS: the seconds until trying again makes sense, when the refusal says. */
export const retryAfterOf = (error: TRPCError): number | null =>
  error.cause instanceof AppError ? (error.cause.retryAfterSeconds ?? null) : null;
