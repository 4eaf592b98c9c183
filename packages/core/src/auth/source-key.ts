import { isIP } from 'node:net';
import { ipv6Hextets } from '../outbound/address-ranges.ts';

/**
 * What sign-in limits count per: an IPv4 address (also written IPv4-mapped), or an IPv6 address's /64 —
 * one home or server usually gets a whole /64, so counting single IPv6 addresses would count nothing.
 */
export function sourceKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIP(ip) !== 6) return ip;
  const network = ipv6Hextets(ip).slice(0, 4);
  return `${network.map((h) => h.toString(16)).join(':')}::/64`;
}
