import type { IncomingMessage } from 'node:http';
import { HttpError } from './json.ts';

/**
 * The request's path, still percent-encoded. A request target that is not a URL at all (`http://[`) is the
 * client's mistake, so it is a 400 rather than an exception.
 */
export function requestPath(req: IncomingMessage): string {
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
