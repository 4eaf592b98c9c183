import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import type { EngineEvent, EngineSession } from '../contract.ts';
import { createSandboxEngine, SandboxError, type SandboxOptions } from './index.ts';

/** Short delays so the whole QR cycle fits in a few hundred (fake) milliseconds. */
export const TEST_OPTIONS: SandboxOptions = {
  qrRotateMs: 50,
  qrMaxCodes: 3,
  connectDelayMs: 5,
  deliveredDelayMs: 10,
  readDelayMs: 30,
  notOnWhatsApp: ['15550000000'],
};

export interface OpenedSession {
  session: EngineSession;
  events: EngineEvent[];
  dataDir: string;
}

/** A sandbox engine plus real temporary data folders, removed by cleanup(). */
export function createTestSandbox(overrides: Partial<SandboxOptions> = {}) {
  const { engine, network } = createSandboxEngine({ ...TEST_OPTIONS, ...overrides });
  const dirs: string[] = [];

  /** A new session object; pass the dataDir of an earlier one to simulate a server restart. */
  function open(id = 'alpha', dataDir?: string): OpenedSession {
    const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'switchboard-sandbox-'));
    if (!dataDir) dirs.push(dir);
    const session = engine.createSession({ id, dataDir: dir });
    const events: EngineEvent[] = [];
    session.onEvent((event) => events.push(event));
    return { session, events, dataDir: dir };
  }

  /** Starts a session and links it to `phone` by scanning its first QR code; resolves once ready. */
  async function openLinked(id: string, phone: string): Promise<OpenedSession> {
    const opened = open(id);
    await opened.session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    network.scan(lastQr(opened.events), phone);
    await advance(TEST_OPTIONS.connectDelayMs);
    if (opened.events.at(-1)?.type !== 'ready') throw new Error('session did not become ready');
    return opened;
  }

  function cleanup(): void {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }

  return { engine, network, open, openLinked, cleanup };
}

export type TestSandbox = ReturnType<typeof createTestSandbox>;

/**
 * A fresh default sandbox on fake timers for each test of the calling file, cleaned up after it. The returned
 * object always speaks for the current test's sandbox, so a file can hold it in a constant.
 */
export function useTestSandbox(): TestSandbox {
  let current: TestSandbox | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
    current = createTestSandbox();
  });
  afterEach(() => {
    vi.useRealTimers();
    current?.cleanup();
    current = undefined;
  });
  const now = (): TestSandbox => {
    if (!current) throw new Error('the test sandbox exists only while a test runs');
    return current;
  };
  return {
    get engine() {
      return now().engine;
    },
    get network() {
      return now().network;
    },
    open: (...args) => now().open(...args),
    openLinked: (...args) => now().openLinked(...args),
    cleanup: () => now().cleanup(),
  };
}

export const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

export function typesOf(events: EngineEvent[]): EngineEvent['type'][] {
  return events.map((event) => event.type);
}

export function qrsOf(events: EngineEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'qr' ? [event.qr] : []));
}

export function lastQr(events: EngineEvent[]): string {
  const qr = qrsOf(events).at(-1);
  if (qr === undefined) throw new Error('no QR code shown');
  return qr;
}

/** Runs `call` and returns the SandboxError it throws. */
export function refusal(call: () => unknown): SandboxError {
  try {
    call();
  } catch (error) {
    if (error instanceof SandboxError) return error;
    throw error;
  }
  throw new Error('expected a SandboxError');
}
