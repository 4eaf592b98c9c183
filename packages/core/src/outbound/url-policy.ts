import { AppError } from '../errors.ts';
import { classifyAddress } from './address-ranges.ts';

/** Which endpoints may reach private and loopback addresses (link-local, metadata and the like: none). */
export interface PrivateTargetRules {
  /** Nobody may (WEBHOOK_BLOCK_PRIVATE=true). */
  blockPrivate: boolean;
  /** Operators may too, not only endpoints whose URL an admin set (WEBHOOK_PRIVATE_FOR_OPERATORS=true). */
  privateForOperators: boolean;
}

export interface UrlPolicy {
  /** Why private and loopback targets are refused for this endpoint (appended to the reason), or null. */
  privateRefused: string | null;
}

/** The address policy for an endpoint whose URL was set with an admin's say (`urlSetByAdmin`) or without. */
export function targetPolicy(rules: PrivateTargetRules, urlSetByAdmin: boolean): UrlPolicy {
  if (rules.blockPrivate) return { privateRefused: ' (WEBHOOK_BLOCK_PRIVATE=true)' };
  if (urlSetByAdmin || rules.privateForOperators) return { privateRefused: null };
  return {
    privateRefused:
      ': only an admin can add an endpoint for one (or set WEBHOOK_PRIVATE_FOR_OPERATORS=true to let operators)',
  };
}

/**
 * Why an IP address may not receive webhooks under `policy`, or null when it may (or is not an IP).
 * `shownAs` names it in the reason (the host name the user wrote).
 */
export function refusedAddress(address: string, policy: UrlPolicy, shownAs = address): string | null {
  const verdict = classifyAddress(address);
  if (!verdict || verdict.kind === 'public') return null;
  if (verdict.kind === 'forbidden') return `${shownAs} is ${verdict.what}`;
  return policy.privateRefused === null ? null : `${shownAs} is ${verdict.what}${policy.privateRefused}`;
}

/** `localhost` and its subdomains always mean this machine, whatever DNS would say. */
const isLocalhostName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** Parses and checks a webhook URL: http(s) only, and no literal address the policy refuses. */
export function validateWebhookUrl(raw: string, policy: UrlPolicy): URL {
  const url = URL.parse(raw);
  if (!url) throw new AppError('BAD_REQUEST', `Webhook URL "${raw}" is not a valid URL`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError(
      'BAD_REQUEST',
      `Webhook URL must use http or https, not ${url.protocol.replace(':', '')}`,
    );
  if (url.username || url.password)
    throw new AppError('BAD_REQUEST', 'Webhook URL must not contain a user name or password');
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const refused = refusedAddress(isLocalhostName(host) ? '127.0.0.1' : host, policy, host);
  if (refused) throw new AppError('BAD_REQUEST', `Webhook URL refused: ${refused}`);
  return url;
}
