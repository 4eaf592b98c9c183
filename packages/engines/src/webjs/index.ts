/**
 * The WhatsApp Web engine: each session drives WhatsApp Web in its own headless Chromium through
 * whatsapp-web.js, so a real phone can be linked by scanning a QR code (or entering a pairing code).
 *
 * This module stays light: the server reads the engine's settings from here at start-up, while
 * whatsapp-web.js and puppeteer are loaded only once a session of this engine is used.
 */
import { join } from 'node:path';
import type { Engine } from '../contract.ts';
import { lazyEngine } from '../lazy.ts';
import type { WebjsOptions } from './options.ts';
import { ReachabilityRecord } from './reachability.ts';

export { WEB_VERSION_PATTERN } from './client-options.ts';
export { DEFAULT_WEB_VERSION_URL, type WebjsOptions } from './options.ts';

export function createWebjsEngine(options: WebjsOptions): Engine {
  // A copy: the engine's behaviour is fixed when it is created.
  const settings: WebjsOptions = { ...options, browserArgs: [...options.browserArgs] };
  const reach = new ReachabilityRecord(join(settings.cacheDir, 'reachability.json'));
  const engine = lazyEngine('webjs', async () => {
    const { WebjsSession } = await import('./session.ts');
    return (session) => new WebjsSession(session, settings, reach);
  });
  return { ...engine, reachability: () => reach.get() };
}
