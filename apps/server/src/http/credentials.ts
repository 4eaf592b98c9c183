import type { IncomingMessage } from 'node:http';
import { KEY_REFUSED, SESSION_COOKIE } from '@switchboard/api';
import {
  type Actor,
  AppError,
  apiKeyCredential,
  type Credential,
  loginCredential,
  type Services,
} from '@switchboard/core';
import { readCookie } from './cookies.ts';

/**
 * The API key a request presents: `Authorization: Bearer sbk_…` or `X-Api-Key: sbk_…`. Whatever follows
 * "Bearer" counts as a key, so a wrong one is refused as a key, never mistaken for no credential.
 */
export function presentedKey(req: IncomingMessage): string | null {
  const header = req.headers['x-api-key'];
  const fromHeader = (Array.isArray(header) ? header[0] : header)?.trim();
  if (fromHeader) return fromHeader;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return bearer?.[1] ?? null;
}

/** Each request's credential, worked out (and its secret hashed) once however many checks ask. */
const presented = new WeakMap<IncomingMessage, Credential | null>();

/** What the request presents to say who it is: an API key if it names one, else its login cookie, if any. */
export function credentialOf(req: IncomingMessage): Credential | null {
  let credential = presented.get(req);
  if (credential === undefined) {
    const key = presentedKey(req);
    const token = key === null ? readCookie(req, SESSION_COOKIE) : null;
    credential = key !== null ? apiKeyCredential(key) : token ? loginCredential(token) : null;
    presented.set(req, credential);
  }
  return credential;
}

/**
 * Who a request to a plain route (not a procedure) is from, as of now, counted against an API key's rate
 * limit like a call; UNAUTHORIZED — worded like the procedures' — when nobody is.
 */
export function requireActor(services: Services, req: IncomingMessage, what: string): Actor {
  const credential = credentialOf(req);
  const identity = credential && services.auth.authenticate(credential);
  if (identity) return identity.actor;
  throw new AppError(
    'UNAUTHORIZED',
    credential?.kind === 'key' ? KEY_REFUSED : `Sign in first: ${what} needs a logged-in user`,
  );
}

/**
 * A write (anything but GET and HEAD) that only the login cookie signs in. Browsers attach the cookie to
 * requests from other pages of the same site too (`SameSite=Lax` holds back only other sites'), and a REST
 * write may have no body — so no content type a page could not send — so such a write must come from this
 * site's own pages. A request with a key is not one: whoever presents a key holds it.
 */
export const isCookieWrite = (req: IncomingMessage): boolean =>
  req.method !== 'GET' && req.method !== 'HEAD' && credentialOf(req)?.kind === 'login';
