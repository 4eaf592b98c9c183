import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AppError } from '../errors.ts';
import { errorMessage } from '../timeout.ts';
import { capBytes } from './byte-cap.ts';
import { guardedLookup, RefusedAddressError } from './guarded-lookup.ts';
import { type UrlPolicy, validateUrl } from './url-policy.ts';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface FetchOptions {
  policy: UrlPolicy;
  /** Names the URL in refusals, e.g. "Media URL". */
  what: string;
  maxBytes: number;
  tooLarge: () => Error;
  /** Ends the whole fetch, body included (the caller's deadline). */
  signal: AbortSignal;
  maxRedirects?: number;
}

export interface Fetched {
  /** Where the body came from, after redirects. */
  url: URL;
  /** The body, cut off with `tooLarge()` once it passes `maxBytes`. */
  body: AsyncIterable<Uint8Array>;
  /** The file name the server suggests (Content-Disposition), else the URL's last path segment. */
  filename: string | null;
}

/**
 * GETs a URL under the outbound rules: the address is checked in the URL, again for what the name resolves
 * to when connecting, and again on every redirect; the caller's signal bounds the time, `maxBytes` the body
 * (refused at once when the server announces more). A refusal or a failure is an AppError saying which.
 */
export async function fetchUrl(raw: string, options: FetchOptions): Promise<Fetched> {
  const { policy, what, maxBytes, tooLarge, signal } = options;
  const maxRedirects = options.maxRedirects ?? 5;
  let url = validateUrl(raw, policy, what);
  for (let hop = 0; ; hop++) {
    const res = await get(url, policy, what, signal);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (REDIRECTS.has(status) && location) {
      res.destroy();
      if (hop >= maxRedirects)
        throw new AppError('BAD_GATEWAY', `${what} redirected more than ${maxRedirects} times`);
      url = validateUrl(new URL(location, url).toString(), policy, `${what} redirect`);
      continue;
    }
    if (status < 200 || status >= 300) {
      res.destroy();
      throw new AppError('BAD_GATEWAY', `${what}: ${url.host} answered ${status}`);
    }
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      res.destroy();
      throw tooLarge();
    }
    return { url, body: capBytes(res, maxBytes, tooLarge), filename: suggestedName(res, url) };
  }
}

function get(url: URL, policy: UrlPolicy, what: string, signal: AbortSignal): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        headers: { 'user-agent': 'Switchboard-Media/1', accept: '*/*' },
        lookup: guardedLookup(policy),
        signal,
      },
      resolve,
    );
    req.on('error', (error) => {
      if (signal.aborted) reject(signal.reason);
      else if (error instanceof RefusedAddressError)
        reject(new AppError('BAD_REQUEST', `${what} refused: ${error.message}`));
      else reject(new AppError('BAD_GATEWAY', `${what}: could not fetch it (${errorMessage(error)})`));
    });
    req.end();
  });
}

/** `attachment; filename="brochure.pdf"` → "brochure.pdf"; else the URL's last path segment. */
function suggestedName(res: IncomingMessage, url: URL): string | null {
  const disposition = res.headers['content-disposition'] ?? '';
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)?.[1];
  const segment = url.pathname.split('/').filter(Boolean).at(-1);
  for (const candidate of [encoded, plain, segment]) {
    if (!candidate) continue;
    try {
      const name = decodeURIComponent(candidate).trim();
      if (name) return name;
    } catch {
      // A malformed escape: try the next source.
    }
  }
  return null;
}
