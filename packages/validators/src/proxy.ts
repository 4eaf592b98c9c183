/**
 * A per-session proxy for the WhatsApp Web engine: the browser of that session reaches WhatsApp through it.
 * Chromium takes the server as a flag and cannot log in to a SOCKS proxy, so credentials are for HTTP(S) only.
 */
export const PROXY_SCHEMES = ['http', 'https', 'socks4', 'socks5'] as const;
export const PROXY_URL_MAX_LENGTH = 300;

export interface ProxySettings {
  /** `scheme://host:port`, as Chromium's `--proxy-server` takes it. */
  server: string;
  username?: string;
  password?: string;
}

export type ProxyCheck = { ok: true; proxy: ProxySettings } | { ok: false; error: string };

/** Parses a proxy URL such as `http://user:secret@proxy.example:3128`, or says precisely what is wrong. */
export function parseProxyUrl(text: string): ProxyCheck {
  const raw = text.trim();
  const example = 'e.g. http://proxy.example:3128 or socks5://10.0.0.5:1080';
  if (raw.length === 0 || raw.length > PROXY_URL_MAX_LENGTH)
    return { ok: false, error: `Proxy URL must be 1 to ${PROXY_URL_MAX_LENGTH} characters (${example})` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: `Proxy URL "${raw}" is not a URL (${example})` };
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!(PROXY_SCHEMES as readonly string[]).includes(scheme))
    return {
      ok: false,
      error: `Proxy URL must start with ${PROXY_SCHEMES.map((s) => `${s}://`).join(', ')}`,
    };
  if (!url.hostname) return { ok: false, error: `Proxy URL "${raw}" names no host (${example})` };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    return { ok: false, error: 'Proxy URL must be only scheme, host and port (no path, query or fragment)' };
  const hasCredentials = url.username !== '' || url.password !== '';
  if (hasCredentials && scheme.startsWith('socks'))
    return {
      ok: false,
      error: 'The browser cannot log in to a SOCKS proxy: use one without a password, or HTTP',
    };
  const server = `${scheme}://${url.host}`;
  if (!hasCredentials) return { ok: true, proxy: { server } };
  return {
    ok: true,
    proxy: { server, username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) },
  };
}

/** The proxy URL as shown back: its password never leaves the server. */
export function maskProxyUrl(text: string): string {
  const check = parseProxyUrl(text);
  if (!check.ok) return text;
  const { server, username, password } = check.proxy;
  if (username === undefined) return server;
  const [scheme, host] = server.split('://');
  return `${scheme}://${encodeURIComponent(username)}${password ? ':***' : ''}@${host}`;
}
