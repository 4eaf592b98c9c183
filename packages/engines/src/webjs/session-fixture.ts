/**
 * Opens WhatsApp Web engine sessions for this folder's tests — real Chromium, real whatsapp-web.js, and,
 * when a script is given, the stand-in WhatsApp Web — and cleans up every browser after each test.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Engine, EngineEvent, EngineSession } from '../contract.ts';
import { createWebjsEngine, DEFAULT_WEB_VERSION_URL, type WebjsOptions } from './index.ts';
import {
  endChromiums,
  FAKE_WEB_VERSION,
  type FakeWhatsAppWebScript,
  saveFakeWhatsAppWeb,
} from './test-support.ts';

export interface Opened {
  engine: Engine;
  session: EngineSession;
  events: EngineEvent[];
  dataDir: string;
}

/** Registers the clean-up; call once per test file. `cleanUp` adds something to undo after the test. */
export function webjsSessions() {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function open(
    options: Partial<WebjsOptions> = {},
    fake?: FakeWhatsAppWebScript,
    root = mkdtempSync(join(tmpdir(), 'switchboard-webjs-')),
  ): Opened {
    const cacheDir = join(root, 'wweb-cache');
    if (fake) saveFakeWhatsAppWeb(cacheDir, fake);
    const engine = createWebjsEngine({
      headless: true,
      initTimeoutMs: 20_000,
      webVersionUrl: DEFAULT_WEB_VERSION_URL,
      cacheDir,
      browserArgs: [],
      ...(fake ? { webVersion: FAKE_WEB_VERSION } : {}),
      ...options,
    });
    const dataDir = join(root, 'sessions', 'alpha');
    mkdirSync(dataDir, { recursive: true });
    const session = engine.createSession({ id: 'alpha', dataDir });
    const events: EngineEvent[] = [];
    session.onEvent((event) => events.push(event));
    cleanups.push(async () => {
      await session.stop();
      await endChromiums(dataDir);
      rmSync(root, { recursive: true, force: true, maxRetries: 5 });
    });
    return { engine, session, events, dataDir };
  }

  return { open, cleanUp: (cleanup: () => Promise<void> | void) => void cleanups.push(cleanup) };
}

/** Polls `probe` until `ok` holds; what is waited for is named in the failure. */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  ok: (v: T) => boolean,
  what: string,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
