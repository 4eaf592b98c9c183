import type { ErrorParams, ErrorReason } from '@switchboard/validators';

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

export interface AppErrorDetail {
  /** For TOO_MANY_REQUESTS: seconds until trying again makes sense. */
  retryAfterSeconds?: number;
  /** What went wrong as a stable code, for clients that say it in another language or branch on it. */
  reason?: ErrorReason;
  /** The values the message names, under the names the reason's sentence uses. */
  params?: ErrorParams;
}

export class AppError extends Error {
  readonly retryAfterSeconds?: number;
  readonly reason?: ErrorReason;
  readonly params?: ErrorParams;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    detail: AppErrorDetail = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.retryAfterSeconds = detail.retryAfterSeconds;
    this.reason = detail.reason;
    this.params = detail.params;
  }
}
