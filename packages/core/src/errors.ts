/**
 * Domain errors. Core knows nothing about tRPC or HTTP; the API layer maps `code` onto its own error
 * codes (they are named after tRPC's so the mapping is one-to-one). Messages are written for a person.
 */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'TOO_MANY_REQUESTS'
  | 'TIMEOUT'
  | 'INTERNAL_SERVER_ERROR'
  /** Another server Switchboard asked (e.g. for a media URL) failed. */
  | 'BAD_GATEWAY';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** For TOO_MANY_REQUESTS: seconds until trying again makes sense. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
