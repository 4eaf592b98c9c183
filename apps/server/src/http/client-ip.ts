import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:443` or `2001:db8::1` → the bare address, or null. */
function bareAddress(entry: string): string | null {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  const candidate = bracketed ? bracketed[1]! : (/^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(entry)?.[1] ?? entry);
  return isIP(candidate) ? candidate : null;
}

/**
 * The caller's address. Each of the `trustedHops` reverse proxies in front appends the address it got the
 * request from to X-Forwarded-For, so the client is the entry that many from the right; whatever stands
 * left of it the client wrote itself and is ignored. With fewer entries than hops (a request that went
 * around the outer proxy) the leftmost counts; with no usable entry, the socket's peer.
 */
export function clientIp(req: IncomingMessage, trustedHops: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedHops === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const entry = entries[Math.max(0, entries.length - trustedHops)];
  return (entry && bareAddress(entry)) ?? peer;
}
