import type { ServerResponse } from 'node:http';

/**
 * The dashboard loads only its own files. `'self'` covers its WebSocket too (same host) and the media it
 * shows (served from /api/v1/media); QR codes are drawn as data: images; a file being attached is previewed
 * from a blob: URL of the file itself; React sets styles through the DOM, which needs no 'unsafe-inline'.
 */
const DASHBOARD_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** API answers are data, never documents: nothing in them may load or run. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers every answer carries: no framing (clickjacking), no MIME sniffing, no Referer leaving the site;
 * API answers (`/trpc`, `/api`, `/health`) are never stored by a browser or proxy — they hold personal data.
 */
export function setSecurityHeaders(res: ServerResponse, kind: 'dashboard' | 'api'): void {
  res.setHeader('Content-Security-Policy', kind === 'dashboard' ? DASHBOARD_POLICY : API_POLICY);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  if (kind === 'api') res.setHeader('Cache-Control', 'no-store');
  else res.removeHeader('Cache-Control');
}
