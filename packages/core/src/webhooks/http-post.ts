import { type Agent, request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { urlToHttpOptions } from 'node:url';
import { type Actor, isAdmin } from '../access.ts';
import { classifyAddress } from '../outbound/address-ranges.ts';
import { guardedLookup } from '../outbound/guarded-lookup.ts';
import type { UrlPolicy } from '../outbound/url-policy.ts';
import { errorMessage } from '../timeout.ts';
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
 * about as much as the rest of our own work on it): the request function and the options every post to it
 * shares. The address check on connecting (`lookup`) still runs for every connection it opens.
 */
export interface PostTarget {
  readonly send: typeof httpRequest;
  readonly options: RequestOptions;
}

/** Checks a webhook URL against the policy (throws why it is refused) and makes its target. */
export function postTarget(
  rawUrl: string,
  policy: UrlPolicy,
  /** The keep-alive agent for the checked URL (see `KeepAliveAgents`); none: a connection of its own. */
  agentFor?: (url: URL) => Agent,
): PostTarget {
  const url = validateWebhookUrl(rawUrl, policy);
  return {
    send: url.protocol === 'https:' ? httpsRequest : httpRequest,
    options: {
      ...urlToHttpOptions(url),
      method: 'POST',
      lookup: guardedLookup(policy),
      ...(agentFor ? { agent: agentFor(url) } : {}),
    },
  };
}

/** The answer for a URL the policy refuses: nothing was sent. */
export const refusedPost = (error: string): PostResult => ({
  statusCode: null,
  durationMs: 0,
  responseExcerpt: null,
  privateTarget: false,
  error,
});

/** POSTs a body with a timeout; never throws (errors are part of the result, for the attempt log). */
export function postWebhook(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; policy: UrlPolicy; signal?: AbortSignal },
): Promise<PostResult> {
  let target: PostTarget;
  try {
    target = postTarget(rawUrl, options.policy);
  } catch (error) {
    return Promise.resolve(refusedPost(errorMessage(error)));
  }
  return postTo(target, body, headers, options);
}

/**
 * Whether each connection's peer is a private or loopback address, worked out once per connection (its
 * peer never changes) rather than once per answer on a kept-alive one.
 */
const privatePeers = new WeakMap<Socket, boolean>();

function isPrivatePeer(socket: Socket): boolean {
  let isPrivate = privatePeers.get(socket);
  if (isPrivate === undefined) {
    const from = socket.remoteAddress;
    isPrivate = from !== undefined && classifyAddress(from)?.kind !== 'public';
    privatePeers.set(socket, isPrivate);
  }
  return isPrivate;
}

/** POSTs a body to a checked target with a timeout; never throws, like `postWebhook`. */
export function postTo(
  target: PostTarget,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<PostResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Omit<PostResult, 'durationMs' | 'privateTarget'>, privateTarget = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ ...r, privateTarget, durationMs: Date.now() - started });
    };
    const req = target.send(
      {
        ...target.options,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Switchboard-Webhooks/1',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        const privateTarget = isPrivatePeer(res.socket);
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
          finish(
            { statusCode: res.statusCode ?? null, responseExcerpt: excerpt || null, error: null },
            privateTarget,
          );
        });
        res.on('error', (error) =>
          finish({ statusCode: res.statusCode ?? null, responseExcerpt: null, error: errorMessage(error) }),
        );
      },
    );
    const timer = setTimeout(() => {
      finish({
        statusCode: null,
        responseExcerpt: null,
        error: `No response within ${options.timeoutMs} ms`,
      });
      req.destroy();
    }, options.timeoutMs);
    const onAbort = () => {
      finish({ statusCode: null, responseExcerpt: null, error: 'Aborted: the server is shutting down' });
      req.destroy();
    };
    options.signal?.addEventListener('abort', onAbort);
    req.on('error', (error) =>
      finish({ statusCode: null, responseExcerpt: null, error: errorMessage(error) }),
    );
    req.end(body);
  });
}
