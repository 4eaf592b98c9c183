import type { IncomingMessage } from 'node:http';
import { HttpError } from './json.ts';

/** Segments of unreserved characters, none empty, none starting with a dot. */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+$/;

/**
 * The request's path, still percent-encoded. A request target that is not a URL at all (`http://[`) is the
 * client's mistake, so it is a 400 rather than an exception.
 */
export function requestPath(req: IncomingMessage): string {
  // The common target (`/trpc/messages.send`) is its own path: no query, no percent-encoding, no dot segment,
  // nothing a URL parser would change. Anything else is parsed.
  if (req.url && PLAIN_PATH.test(req.url)) return req.url;
  const url = URL.parse(req.url ?? '/', 'http://x');
  if (!url) throw new HttpError(400, 'The request target is not a valid URL');
  return url.pathname;
}

/** Percent-decodes a path or path segment; broken encoding (`%E0%A4%A`) is a 400, not a server error. */
export function decodePath(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new HttpError(400, 'The request path has malformed percent-encoding');
  }
}
