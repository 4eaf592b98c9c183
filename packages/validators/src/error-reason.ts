/**
 * Stable, machine-readable reasons for the refusals a person meets, sent beside the English message (tRPC
 * `error.data.reason`, REST `reason`) with the values the message names (`params`). The dashboard says each
 * in the operator's language; API clients may branch on them. Codes are only ever added, never renamed.
 */
export const ERROR_REASONS = [
  'auth.sign_in_required',
  'auth.wrong_credentials',
  'auth.too_many_attempts',
  'auth.key_rate_limited',
  'session.not_found',
  'session.id_taken',
  'session.not_connected',
  'phone.invalid',
  'url.invalid',
  'media.too_large',
  'locale.unsupported',
  'conversation.assignee_cannot_see',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

/** The values a reason's sentence names: a session id, a size, a number of seconds. */
export type ErrorParams = Readonly<Record<string, string | number>>;
