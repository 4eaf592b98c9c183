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

/** What each scope lets a key do, in the words the dashboard and the API documentation use. */
export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  'sessions:read': 'See sessions, their status, QR codes, chats and groups',
  'sessions:manage': 'Create, start, stop, log out and delete sessions',
  'messages:send': 'Send messages',
  'messages:read': 'Read sent and received messages',
  'inbox:read': 'Read conversations and contacts',
  'inbox:write': 'Mark conversations read, resolve them, rename contacts',
  'webhooks:manage': 'Add, change and delete webhooks; read and replay deliveries',
  'campaigns:read': 'See campaigns',
  'campaigns:manage': 'Create and run campaigns',
};
