export const USER_ROLES = ['admin', 'operator'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** RFC 5321's limit on a forward path; anything longer cannot be delivered to anyway. */
export const EMAIL_MAX_LENGTH = 254;
/** Deliberately loose: one "@", no spaces, a dot in the domain. Real validation is "can they sign in". */
export const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A person's display name. */
export const PERSON_NAME_MAX_LENGTH = 100;

export const PASSWORD_MIN_LENGTH = 8;
/** Argon2 accepts far more, but an unbounded input lets one request burn CPU and memory for nothing. */
export const PASSWORD_MAX_LENGTH = 256;
