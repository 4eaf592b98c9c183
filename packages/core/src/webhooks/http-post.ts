import { type Actor, isAdmin } from '../access.ts';
import type { UrlPolicy } from '../outbound/url-policy.ts';
import { errorMessage } from '../timeout.ts';
import { OriginConnections } from './keep-alive.ts';
import { validateWebhookUrl } from './target-policy.ts';

export const RESPONSE_EXCERPT_BYTES = 1024;

export interface PostResult {
  statusCode: number | null;
  durationMs: number;
  /** The start of the response body, at most 1 KiB. */
  responseExcerpt: string | null;
  /** The answer came from a private or loopback address (its excerpt is for admins only). */
  privateTarget: boolean;
  error: string | null;
}

/** A 2xx answer: the endpoint took the event. */
export const succeeded = (result: Pick<PostResult, 'statusCode'>) =>
  result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;

/** What an internal service answered is for admins' eyes only: operators could otherwise read it through us. */
export const excerptFor = (actor: Actor, answer: Pick<PostResult, 'privateTarget' | 'responseExcerpt'>) =>
  answer.privateTarget && !isAdmin(actor) ? null : answer.responseExcerpt;

/**
 * Where posts to one endpoint URL go, checked once (parsing and checking the URL on every delivery cost
 * about as much as the rest of our own work on it): the keep-alive connections of its origin under its
 * rule, and the path. The address check on connecting still runs for every connection they open.
 */
export interface PostTarget {
  readonly connections: OriginConnections;
  readonly path: string;
}

/** Checks a webhook URL against the policy (throws why it is refused) and makes its target. */
export function postTarget(
  rawUrl: string,
  policy: UrlPolicy,
  /** The keep-alive connections for the checked URL (see `KeepAliveConnections`). */
  connectionsFor: (url: URL) => OriginConnections,
): PostTarget {
  const url = validateWebhookUrl(rawUrl, policy);
  return { connections: connectionsFor(url), path: `${url.pathname}${url.search}` };
}

/** The answer for a URL the policy refuses: nothing was sent. */
export const refusedPost = (error: string): PostResult => ({
  statusCode: null,
  durationMs: 0,
  responseExcerpt: null,
  privateTarget: false,
  error,
});

/** POSTs a body with a timeout over a connection of its own; never throws (errors are part of the result). */
export async function postWebhook(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; policy: UrlPolicy; signal?: AbortSignal },
): Promise<PostResult> {
  let target: PostTarget;
  try {
    target = postTarget(rawUrl, options.policy, (url) => new OriginConnections(url.origin, options.policy));
  } catch (error) {
    return refusedPost(errorMessage(error));
  }
  try {
    return await postTo(target, body, headers, options);
  } finally {
    target.connections.destroy();
  }
}

/** POSTs a body to a checked target with a timeout; never throws, like `postWebhook`. */
export function postTo(
  target: PostTarget,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<PostResult> {
  const started = Date.now();
  const connection = target.connections.take();
  return new Promise((resolve) => {
    let settled = false;
    let statusCode: number | null = null;
    /** Whether the connection that answered is to a private or loopback address. */
    let privatePeer = false;
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (
      r: Omit<PostResult, 'durationMs' | 'privateTarget'>,
      reusable: boolean,
      privateTarget = false,
    ) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // Cut short, it is mid-request or still connecting: closed (which ends the request), not reused.
      target.connections.give(connection, reusable);
      resolve({ ...r, privateTarget, durationMs: Date.now() - started });
    };
    const cutShort = (error: string) => finish({ statusCode: null, responseExcerpt: null, error }, false);
    const timer = setTimeout(() => cutShort(`No response within ${options.timeoutMs} ms`), options.timeoutMs);
    const onAbort = () => cutShort('Aborted: the server is shutting down');
    options.signal?.addEventListener('abort', onAbort);
    connection.client.dispatch(
      {
        path: target.path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Switchboard-Webhooks/1', ...headers },
        body,
      },
      {
        // Required by undici; a request is cut short by closing its connection, not through this.
        onConnect() {},
        onHeaders(status) {
          statusCode = status;
          privatePeer = connection.privatePeer;
          return true;
        },
        onData(chunk) {
          // Read to its end, so the connection stays usable, but only the excerpt is kept.
          if (size < RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
          return true;
        },
        onComplete() {
          const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
          finish({ statusCode, responseExcerpt: excerpt || null, error: null }, true, privatePeer);
        },
        onError(error) {
          // The connection recovers by itself (undici opens a new socket for the next request).
          finish({ statusCode, responseExcerpt: null, error: errorMessage(error) }, true);
        },
      },
    );
  });
}
