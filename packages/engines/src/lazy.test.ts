import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { EngineEvent } from './contract.ts';
import { lazyEngine, type SessionFactory } from './lazy.ts';
import { createSandboxEngine } from './sandbox/index.ts';
import { advance, lastQr, TEST_OPTIONS } from './sandbox/test-support.ts';

let dataDir: string;
beforeEach(() => {
  vi.useFakeTimers();
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-lazy-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The sandbox stands in for a heavy engine; `failFirst` makes the first load fail like a missing module. */
function heavyEngine({ failFirst = false } = {}) {
  const { engine, network } = createSandboxEngine(TEST_OPTIONS);
  let loads = 0;
  const load = async (): Promise<SessionFactory> => {
    loads += 1;
    if (failFirst && loads === 1) throw new Error('Cannot find module whatsapp-web.js');
    return (options) => engine.createSession(options);
  };
  return { engine: lazyEngine('webjs', load), network, loads: () => loads };
}

it('loads the implementation on first use, once, and passes calls and events through', async () => {
  const heavy = heavyEngine();
  const first = heavy.engine.createSession({ id: 'alpha', dataDir });
  const second = heavy.engine.createSession({ id: 'beta', dataDir });
  expect(heavy.loads()).toBe(0);
  expect(await first.resourceUsage?.()).toBeNull();

  const events: EngineEvent[] = [];
  first.onEvent((event) => events.push(event));
  await Promise.all([first.start(), second.start()]);
  expect(heavy.loads()).toBe(1);

  await advance(TEST_OPTIONS.connectDelayMs);
  heavy.network.scan(lastQr(events), '4915112345678');
  await advance(TEST_OPTIONS.connectDelayMs);
  expect(events.at(-1)).toMatchObject({ type: 'ready', me: { phone: '4915112345678' } });
  expect(await first.checkNumber('14155552671')).toMatchObject({ onWhatsApp: true });
  await Promise.all([first.stop(), second.stop()]);
});

it('reports a failed load as a failed start and tries again on the next one', async () => {
  const heavy = heavyEngine({ failFirst: true });
  const session = heavy.engine.createSession({ id: 'alpha', dataDir });
  await expect(session.start()).rejects.toThrow('Cannot find module whatsapp-web.js');
  await session.start();
  expect(heavy.loads()).toBe(2);
  await session.stop();
});
