import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

export interface HostSettings {
  HOST: string;
  PUBLIC_URL?: string | undefined;
  ALLOWED_HOSTS: string[];
}

/** `example.com` / `example.com:8443` / `[::1]:3000` → lowercase hostname (IPv6 in brackets) and port. */
function splitHost(value: string): { hostname: string; port: string } | null {
  const url = URL.parse(`http://${value.trim()}`);
  if (!url || url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
  return { hostname: url.hostname, port: url.port };
}

const bracketed = (address: string) => (isIP(address) === 6 ? `[${address}]` : address);
const isWildcard = (host: string) => host === '0.0.0.0' || host === '::';

/**
 * Which Host headers this server answers (DNS rebinding defence): a page on an attacker's name that
 * resolves to this machine sends its own name as Host, so it is refused. Loopback names always; the
 * address it listens on (every local address when listening on all); PUBLIC_URL's host; ALLOWED_HOSTS
 * (any port unless an entry names one). IP literals cannot be rebound, names must be listed.
 */
export function hostCheck(settings: HostSettings) {
  const anyPort = new Set(['localhost', '127.0.0.1', '[::1]']);
  const exact = new Set<string>();
  if (isWildcard(settings.HOST)) {
    for (const list of Object.values(networkInterfaces()))
      for (const a of list ?? []) anyPort.add(bracketed(a.address.toLowerCase()));
  } else {
    anyPort.add(bracketed(settings.HOST.toLowerCase()));
  }
  const publicUrl = settings.PUBLIC_URL ? new URL(settings.PUBLIC_URL) : null;
  if (publicUrl) anyPort.add(publicUrl.hostname);
  for (const entry of settings.ALLOWED_HOSTS) {
    const host = splitHost(entry);
    if (!host) continue;
    if (host.port) exact.add(`${host.hostname}:${host.port}`);
    else anyPort.add(host.hostname);
  }

  const allowed = (hostHeader: string | undefined): boolean => {
    const host = hostHeader === undefined ? null : splitHost(hostHeader);
    if (!host) return false;
    return anyPort.has(host.hostname) || exact.has(`${host.hostname}:${host.port}`);
  };

  /** Why a request's Host is refused, for the answer (null: allowed). */
  const refusal = (req: IncomingMessage): string | null => {
    const host = req.headers.host;
    if (allowed(host)) return null;
    if (!host) return 'A Host header is required';
    return `This server does not answer to the host "${host}". If this is the address you reach Switchboard at, add it to ALLOWED_HOSTS (or set PUBLIC_URL) and restart.`;
  };

  /**
   * Whether a WebSocket handshake's Origin is this very site: same host and same scheme — http, unless
   * the site is reached over https (PUBLIC_URL says so, or a trusted proxy's X-Forwarded-Proto does).
   */
  const sameOrigin = (req: IncomingMessage, trustedProxyHops: number): boolean => {
    const origin = URL.parse(req.headers.origin ?? '');
    const host = req.headers.host;
    if (!origin || !host) return false;
    const forwarded = trustedProxyHops > 0 ? headerValue(req, 'x-forwarded-proto') : undefined;
    const scheme =
      publicUrl && splitHost(host)?.hostname === publicUrl.hostname
        ? publicUrl.protocol
        : forwarded === 'https'
          ? 'https:'
          : 'http:';
    const expected = URL.parse(`${scheme}//${host}`);
    return expected !== null && origin.protocol === expected.protocol && origin.host === expected.host;
  };

  return { refusal, sameOrigin };
}

/** The last value of a header a proxy may have set (or appended to), lowercased. */
function headerValue(req: IncomingMessage, name: string): string | undefined {
  const raw = req.headers[name];
  const joined = Array.isArray(raw) ? raw.join(',') : raw;
  return joined?.split(',').at(-1)?.trim().toLowerCase();
}
