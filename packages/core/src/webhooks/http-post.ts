import { type Agent, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
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

/** POSTs a body with a timeout; never throws (errors are part of the result, for the attempt log). */
export function postWebhook(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  options: {
    timeoutMs: number;
    policy: UrlPolicy;
    signal?: AbortSignal;
    /** Keeps the connection for the next delivery; one per origin and policy (see `KeepAliveAgents`). */
    agent?: Agent;
  },
): Promise<PostResult> {
  const started = Date.now();
  const done = (r: Omit<PostResult, 'durationMs' | 'privateTarget'>, from?: string): PostResult => ({
    ...r,
    privateTarget: from !== undefined && classifyAddress(from)?.kind !== 'public',
    durationMs: Date.now() - started,
  });
  let url: URL;
  try {
    url = validateWebhookUrl(rawUrl, options.policy);
  } catch (error) {
    return Promise.resolve(done({ statusCode: null, responseExcerpt: null, error: errorMessage(error) }));
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Omit<PostResult, 'durationMs' | 'privateTarget'>, from?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(done(r, from));
    };
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Switchboard-Webhooks/1',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
        lookup: guardedLookup(options.policy),
        ...(options.agent ? { agent: options.agent } : {}),
      },
      (res) => {
        const from = res.socket.remoteAddress;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
          finish({ statusCode: res.statusCode ?? null, responseExcerpt: excerpt || null, error: null }, from);
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
