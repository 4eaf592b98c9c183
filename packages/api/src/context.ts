import type { PublicUser, Services } from '@switchboard/core';

export const SESSION_COOKIE = 'sb_session';

/** What the transport lets a procedure do with the login cookie; absent over WebSocket. */
export interface CookieJar {
  setSession(token: string, expiresAt: number): void;
  clearSession(): void;
}

export interface Context {
  services: Services;
  user: PublicUser | null;
  /** The login token the request carried, if any. */
  token: string | null;
  ip: string;
  userAgent: string | null;
  cookies: CookieJar | null;
}

/** Pure context factory: tests build one directly; the HTTP and WS adapters fill it from the request. */
export function createContextInner(input: {
  services: Services;
  user?: PublicUser | null;
  token?: string | null;
  ip?: string;
  userAgent?: string | null;
  cookies?: CookieJar | null;
}): Context {
  return {
    services: input.services,
    user: input.user ?? null,
    token: input.token ?? null,
    ip: input.ip ?? 'unknown',
    userAgent: input.userAgent ?? null,
    cookies: input.cookies ?? null,
  };
}
