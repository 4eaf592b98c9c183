/**
 * API keys: `sbk_` and 32 random bytes in base64url. Only the SHA-256 and the first characters (the
 * visible prefix, so people can tell their keys apart) are stored.
 */
export const API_KEY_PREFIX = 'sbk_';
export const API_KEY_SHAPE = /^sbk_[A-Za-z0-9_-]{43}$/;
/** `sbk_` and 8 characters of the secret: 48 random bits, enough to tell keys apart, far from enough to guess. */
export const API_KEY_VISIBLE_LENGTH = 12;
export const API_KEY_NAME_MAX_LENGTH = 100;
/** Longest lifetime a key may be given; "never expires" is asked for by leaving the expiry empty. */
export const API_KEY_MAX_LIFETIME_DAYS = 3650;
/** Accounts one key may be restricted to (more is simpler said by no restriction). */
export const API_KEY_MAX_ACCOUNTS = 100;

/**
 * An `Idempotency-Key`: what clients generate (UUIDs, ULIDs, hashes) fits; whitespace and control characters
 * do not, so a key never differs from itself by invisible bytes.
 */
export const IDEMPOTENCY_KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

export const API_KEY_STATUSES = ['active', 'expired', 'revoked'] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];
