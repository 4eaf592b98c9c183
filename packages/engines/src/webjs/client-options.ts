import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ProxySettings } from '@switchboard/validators';
import type { AuthStrategy, ClientOptions, WebCacheOptions } from 'whatsapp-web.js';
import type { WebjsOptions } from './options.ts';

/**
 * Chromium flags for a server: no sandbox (it refuses to start as root, the usual container user), no GPU,
 * no /dev/shm (64 MB in Docker, too small), and none of the background traffic a desktop browser makes
 * (updates, sync, field trials) — on a closed network that traffic is a flood of refused connections.
 */
export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--no-first-run',
  '--no-default-browser-check',
  '--mute-audio',
];

/** WhatsApp Web versions look like 2.3000.1017054665 (sometimes with a suffix); they name cache files. */
export const WEB_VERSION_PATTERN = /^\d+(\.\d+)+(-[a-z0-9]+)?$/i;

/**
 * The file name the local cache looks up when no version is pinned. No such file is ever written (copies
 * are saved under their real version number), so WhatsApp's current version loads — and a copy of it is
 * saved, ready to be pinned if a later WhatsApp update breaks sessions.
 */
const UNPINNED = 'current';

/**
 * Which WhatsApp Web to load. Unpinned: today's, saving a copy in `cacheDir`. Pinned: the saved copy when
 * there is one (no download, works even if the archive is down), else the archive URL; strict either way,
 * so a pin that cannot be honoured fails the start instead of silently loading another version.
 */
export function webVersionOptions(options: Pick<WebjsOptions, 'webVersion' | 'webVersionUrl' | 'cacheDir'>): {
  webVersion: string;
  webVersionCache: WebCacheOptions;
} {
  const { webVersion, webVersionUrl, cacheDir } = options;
  if (!webVersion) return { webVersion: UNPINNED, webVersionCache: { type: 'local', path: cacheDir } };
  if (!WEB_VERSION_PATTERN.test(webVersion)) {
    throw new Error(`"${webVersion}" is not a WhatsApp Web version (expected e.g. 2.3000.1017054665)`);
  }
  if (existsSync(join(cacheDir, `${webVersion}.html`))) {
    return { webVersion, webVersionCache: { type: 'local', path: cacheDir, strict: true } };
  }
  return { webVersion, webVersionCache: { type: 'remote', remotePath: webVersionUrl, strict: true } };
}

/**
 * Everything whatsapp-web.js needs to run one session's Client. A session's own proxy replaces one given to
 * every browser (WEBJS_BROWSER_ARGS); its credentials go to whatsapp-web.js, which answers the proxy's login.
 */
export function clientOptions(
  options: WebjsOptions,
  launch: { executablePath: string; authStrategy: AuthStrategy; proxy?: ProxySettings | undefined },
): ClientOptions {
  const { proxy } = launch;
  const browserArgs = proxy
    ? [
        ...options.browserArgs.filter((arg) => !arg.startsWith('--proxy-server')),
        `--proxy-server=${proxy.server}`,
      ]
    : options.browserArgs;
  return {
    authStrategy: launch.authStrategy,
    ...webVersionOptions(options),
    ...(proxy?.username !== undefined
      ? { proxyAuthentication: { username: proxy.username, password: proxy.password ?? '' } }
      : {}),
    puppeteer: {
      executablePath: launch.executablePath,
      headless: options.headless,
      args: [...LAUNCH_ARGS, ...browserArgs],
      // The server's own shutdown stops every session; puppeteer's handlers would exit the process on
      // Ctrl+C before that could happen. Its exit hook still kills the browsers if the process exits.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    },
  };
}
