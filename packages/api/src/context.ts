import type { Credential, Services } from '@switchboard/core';
import type { StreamSlots } from './stream-slots.ts';

export const SESSION_COOKIE = 'sb_session';

/** What the transport lets a procedure do with the login cookie; absent over WebSocket. */
export interface CookieJar {
  setSession(token: string, expiresAt: number): void;
  clearSession(): void;
}

export interface Context {
  services: Services;
  /**
   * What the request presented to say who it is (the login cookie), if anything. Who that is gets asked
   * again on every call and streamed event (`services.auth.identify`), never taken from when it connected.
   */
  credential: Credential | null;
  /** HTTP carries queries and mutations; the WebSocket carries subscriptions, and nothing else. */
  transport: 'http' | 'ws';
  /** The live streams a WebSocket connection may still open (null over HTTP). */
  streams: StreamSlots | null;
  ip: string;
  userAgent: string | null;
  cookies: CookieJar | null;
}

/** Pure context factory: tests build one directly; the HTTP and WS adapters fill it from the request. */
export function createContextInner(input: {
  services: Services;
  credential?: Credential | null;
  transport?: Context['transport'];
  streams?: StreamSlots | null;
  ip?: string;
  userAgent?: string | null;
  cookies?: CookieJar | null;
}): Context {
  return {
    services: input.services,
    credential: input.credential ?? null,
    transport: input.transport ?? 'http',
    streams: input.streams ?? null,
    ip: input.ip ?? 'unknown',
    userAgent: input.userAgent ?? null,
    cookies: input.cookies ?? null,
  };
}
