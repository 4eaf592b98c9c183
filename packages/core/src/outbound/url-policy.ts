import { AppError } from '../errors.ts';
import { classifyAddress } from './address-ranges.ts';

/** Where Switchboard may send requests: webhook deliveries and fetches of media URLs share these rules. */
export interface UrlPolicy {
  /** Why private and loopback addresses are refused (appended to the reason), or null when they may be reached. */
  privateRefused: string | null;
}

/**
 * Why an IP address may not be reached under `policy`, or null when it may (or is not an IP).
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

/**
 * Parses and checks a URL Switchboard is asked to reach (`what` names it in refusals, e.g. "Webhook URL"):
 * http(s) only, no credentials, and no literal address the policy refuses. Names are checked again for the
 * addresses they resolve to, when connecting.
 */
export function validateUrl(raw: string, policy: UrlPolicy, what: string): URL {
  const url = URL.parse(raw);
  const invalid = { reason: 'url.invalid', params: { value: raw } } as const;
  if (!url) throw new AppError('BAD_REQUEST', `${what} "${raw}" is not a valid URL`, invalid);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError(
      'BAD_REQUEST',
      `${what} must use http or https, not ${url.protocol.replace(':', '')}`,
      invalid,
    );
  if (url.username || url.password)
    throw new AppError('BAD_REQUEST', `${what} must not contain a user name or password`, invalid);
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const refused = refusedAddress(isLocalhostName(host) ? '127.0.0.1' : host, policy, host);
  if (refused) throw new AppError('BAD_REQUEST', `${what} refused: ${refused}`);
  return url;
}
