import { BlockList, isIP } from 'node:net';
import { AppError } from '../errors.ts';

/** Link-local and cloud metadata addresses: never a webhook target, whatever the configuration. */
const alwaysBlocked = new BlockList();
alwaysBlocked.addSubnet('169.254.0.0', 16, 'ipv4');
alwaysBlocked.addSubnet('fe80::', 10, 'ipv6');
alwaysBlocked.addAddress('fd00:ec2::254', 'ipv6');

/** Private, loopback and unspecified ranges: refused only with WEBHOOK_BLOCK_PRIVATE=true. */
const privateRanges = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  privateRanges.addSubnet(net, bits, 'ipv4');
privateRanges.addAddress('::', 'ipv6');
privateRanges.addAddress('::1', 'ipv6');
privateRanges.addSubnet('fc00::', 7, 'ipv6');

export interface UrlPolicy {
  blockPrivate: boolean;
}

/** `::ffff:a9fe:a9fe` (how URLs spell an IPv4-mapped address) → `169.254.169.254`. */
function unmapIpv4(address: string): string {
  const lower = address.toLowerCase();
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return address;
  const hi = Number.parseInt(hex[1]!, 16);
  const lo = Number.parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why an IP address may not receive webhooks, or null when it may. */
export function refusedAddress(address: string, policy: UrlPolicy): string | null {
  const ip = unmapIpv4(address);
  const family = isIP(ip);
  if (family === 0) return null;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (alwaysBlocked.check(ip, type)) return `${address} is a link-local or cloud metadata address`;
  if (policy.blockPrivate && privateRanges.check(ip, type))
    return `${address} is a private or loopback address (WEBHOOK_BLOCK_PRIVATE=true)`;
  return null;
}

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
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const refused = refusedAddress(host, policy);
  if (refused) throw new AppError('BAD_REQUEST', `Webhook URL refused: ${refused}`);
  return url;
}
