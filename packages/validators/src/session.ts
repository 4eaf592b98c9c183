/** Session ids double as directory names on the server, so this pattern is the only thing standing before the disk. */
export const SESSION_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const SESSION_ID_MAX_LENGTH = 64;
export const SESSION_NAME_MAX_LENGTH = 100;

export const isValidSessionId = (id: string) => SESSION_ID_PATTERN.test(id);

/**
 * "Sales — Berlin #1" → "sales-berlin-1": the id a session gets from its name when none is given. Empty when
 * nothing usable is left; the caller decides what then (the server falls back, the form asks for one).
 */
export function slugifySessionName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SESSION_ID_MAX_LENGTH)
    .replace(/-+$/, '');
}

export const SESSION_STATUSES = [
  'stopped',
  'starting',
  'qr',
  'authenticating',
  'connected',
  'reconnecting',
  'logged_out',
  'failed',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Statuses in which an engine is (or should be) running. */
export const LIVE_STATUSES: readonly SessionStatus[] = [
  'starting',
  'qr',
  'authenticating',
  'connected',
  'reconnecting',
];
export const isLive = (status: SessionStatus) => LIVE_STATUSES.includes(status);

export const ENGINE_NAMES = ['sandbox', 'webjs'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/**
 * How a list of sessions can be sorted: `created` (oldest first), or `attention` — failed, logged out and
 * waiting for a scan first — and the obvious others.
 */
export const SESSION_SORTS = ['created', 'attention', 'name', 'phone', 'lastConnected'] as const;
export type SessionSort = (typeof SESSION_SORTS)[number];

/** Most sessions one bulk start, stop or restart takes. */
export const SESSION_BULK_MAX = 100;

/**
 * What a session's history records: status changes (with their reasons: scans, drops, failures), QR codes
 * and pairing codes issued, WhatsApp's reach-out limit starting and ending, failed sends, a new owner.
 */
export const SESSION_HISTORY_TYPES = [
  'status',
  'qr',
  'pairing_code',
  'limited',
  'limit_lifted',
  'send_failed',
  'transferred',
] as const;
export type SessionHistoryType = (typeof SESSION_HISTORY_TYPES)[number];
