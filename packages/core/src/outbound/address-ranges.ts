import { isIP } from 'node:net';

/**
 * Where a webhook may be sent, by address: `forbidden` never (it reaches this host, the cloud's metadata
 * service, or nothing routable), `private` only with an admin's say (private networks and loopback),
 * `public` always.
 */
export type AddressKind = 'public' | 'private' | 'forbidden';

export interface AddressVerdict {
  kind: AddressKind;
  /** What the address is, for a refusal: "a loopback address", "…, which embeds 127.0.0.1 (…)". */
  what: string;
}

type Range = [cidr: string, kind: Exclude<AddressKind, 'public'>, what: string];

/** Most severe first: an address in several ranges (fd00:ec2::254 is also unique-local) gets the first. */
const RANGES: Range[] = [
  ['0.0.0.0/8', 'forbidden', 'an address of "this network" (reaches this host)'],
  ['169.254.0.0/16', 'forbidden', 'a link-local or cloud metadata address'],
  ['224.0.0.0/4', 'forbidden', 'a multicast address'],
  ['240.0.0.0/4', 'forbidden', 'a reserved or broadcast address'],
  ['::/128', 'forbidden', 'the unspecified address (reaches this host)'],
  ['fe80::/10', 'forbidden', 'a link-local address'],
  ['ff00::/8', 'forbidden', 'a multicast address'],
  ['fd00:ec2::254/128', 'forbidden', 'a cloud metadata address'],
  ['127.0.0.0/8', 'private', 'a private or loopback address'],
  ['10.0.0.0/8', 'private', 'a private or loopback address'],
  ['172.16.0.0/12', 'private', 'a private or loopback address'],
  ['192.168.0.0/16', 'private', 'a private or loopback address'],
  ['100.64.0.0/10', 'private', 'a private or loopback address (shared address space)'],
  ['192.0.0.0/24', 'private', 'a private or loopback address (IETF protocol assignments)'],
  ['198.18.0.0/15', 'private', 'a private or loopback address (benchmarking networks)'],
  ['::1/128', 'private', 'a private or loopback address'],
  ['fc00::/7', 'private', 'a private or loopback address (unique local)'],
  ['fec0::/10', 'private', 'a private or loopback address (site-local)'],
  ['64:ff9b:1::/48', 'private', 'a private or loopback address (local NAT64)'],
];

/** An address as a 128-bit number; IPv4 as its IPv4-mapped IPv6 form, so one comparison serves both. */
function toBigInt(address: string): bigint | null {
  const family = isIP(address);
  if (family === 4) return 0xffff_0000_0000n | ipv4ToBigInt(address);
  if (family !== 6) return null;
  const hextets = ipv6Hextets(address);
  return hextets.reduce((n, h) => (n << 16n) | BigInt(h), 0n);
}

const ipv4ToBigInt = (address: string) =>
  address.split('.').reduce((n, octet) => (n << 8n) | BigInt(Number(octet)), 0n);

/** The eight 16-bit groups of a valid IPv6 address (with `::` expanded and a trailing dotted quad split). */
export function ipv6Hextets(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = Number(ipv4ToBigInt(dotted[1]!));
    text = `${text.slice(0, -dotted[1]!.length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((h) => Number.parseInt(h, 16));
}

const PARSED_RANGES = RANGES.map(([cidr, kind, what]) => {
  const [base = '', bits = ''] = cidr.split('/');
  const v4 = isIP(base) === 4;
  const prefix = Number(bits) + (v4 ? 96 : 0);
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(128 - prefix);
  return { net: toBigInt(base)! & mask, mask, kind, what };
});

function rangeOf(value: bigint): AddressVerdict {
  for (const range of PARSED_RANGES)
    if ((value & range.mask) === range.net) return { kind: range.kind, what: range.what };
  return { kind: 'public', what: 'a public address' };
}

const dottedQuad = (v: bigint) => [24n, 16n, 8n, 0n].map((shift) => (v >> shift) & 255n).join('.');

/**
 * IPv4 addresses an IPv6 address carries and that a router may turn it into: IPv4-mapped (::ffff:0:0/96),
 * IPv4-translated (::ffff:0:0:0/96), IPv4-compatible (::/96), NAT64 (64:ff9b::/96 and 64:ff9b:1::/48),
 * 6to4 (2002::/16) and Teredo (2001::/32, server and client).
 */
function embeddedIpv4(value: bigint): bigint[] {
  const low32 = value & 0xffff_ffffn;
  const top96 = value >> 32n;
  if (top96 === 0xffffn || top96 === 0xffff_0000n) return [low32];
  if (top96 === 0n) return low32 > 1n ? [low32] : []; // :: and ::1 are IPv6's own addresses.
  if (top96 === NAT64 || value >> 80n === LOCAL_NAT64) return [low32];
  if (value >> 112n === 0x2002n) return [(value >> 80n) & 0xffff_ffffn];
  if (value >> 96n === 0x2001_0000n) return [(value >> 64n) & 0xffff_ffffn, low32 ^ 0xffff_ffffn];
  return [];
}

/** 64:ff9b::/96 without its last 32 bits, and 64:ff9b:1::/48 without its last 80. */
const NAT64 = (0x64n << 80n) | (0xff9bn << 64n);
const LOCAL_NAT64 = 0x0064_ff9b_0001n;

const SEVERITY: Record<AddressKind, number> = { public: 0, private: 1, forbidden: 2 };

/** What kind of webhook target an IP address is; null when `address` is not an IP address. */
export function classifyAddress(address: string): AddressVerdict | null {
  const value = toBigInt(address);
  if (value === null) return null;
  let verdict = rangeOf(value);
  if (isIP(address) === 6) {
    for (const v4 of embeddedIpv4(value)) {
      const inner = rangeOf(0xffff_0000_0000n | v4);
      if (SEVERITY[inner.kind] > SEVERITY[verdict.kind])
        verdict = { kind: inner.kind, what: `an address that embeds ${dottedQuad(v4)}, ${inner.what}` };
    }
  }
  return verdict;
}
