import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CookieJar, SESSION_COOKIE } from '@switchboard/api';

export function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** httpOnly so scripts cannot read it; SameSite=Lax so other sites cannot ride on it. */
export function cookieJar(res: ServerResponse, secure: boolean): CookieJar {
  const attributes = `Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  return {
    setSession(token, expiresAt) {
      res.appendHeader(
        'Set-Cookie',
        `${SESSION_COOKIE}=${token}; ${attributes}; Expires=${new Date(expiresAt).toUTCString()}`,
      );
    },
    clearSession() {
      res.appendHeader('Set-Cookie', `${SESSION_COOKIE}=; ${attributes}; Max-Age=0`);
    },
  };
}
