/**
 * The WhatsApp Web engine: each session drives WhatsApp Web in its own headless Chromium through
 * whatsapp-web.js, so a real phone can be linked by scanning a QR code (or entering a pairing code).
 */
import type { Engine } from '../contract.ts';
import type { WebjsOptions } from './options.ts';
import { WebjsSession } from './session.ts';

export { findBrowser, NO_BROWSER } from './browser-path.ts';
export { WEB_VERSION_PATTERN } from './client-options.ts';
export { DEFAULT_WEB_VERSION_URL, type WebjsOptions } from './options.ts';

export function createWebjsEngine(options: WebjsOptions): Engine {
  // A copy: the engine's behaviour is fixed when it is created.
  const settings: WebjsOptions = { ...options, browserArgs: [...options.browserArgs] };
  return { name: 'webjs', createSession: (session) => new WebjsSession(session, settings) };
}
