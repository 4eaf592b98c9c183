/**
 * What an actor may do to the accounts it sees. A signed-in user holds every scope; an API key holds the
 * ones it was given (never more than its owner can do).
 */
export const SCOPES = [
  'sessions:read',
  'sessions:manage',
  'messages:send',
  'messages:read',
  'inbox:read',
  'inbox:write',
  'webhooks:manage',
  'campaigns:read',
  'campaigns:manage',
] as const;
export type Scope = (typeof SCOPES)[number];
