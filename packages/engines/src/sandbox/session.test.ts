import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../contract.ts';
import {
  advance,
  createTestSandbox,
  lastQr,
  qrsOf,
  TEST_OPTIONS,
  typesOf,
  useTestSandbox,
} from './test-support.ts';

const QR_SHAPE = /^2@[A-Za-z0-9+/]+={0,2}(,[A-Za-z0-9+/]+={0,2}){3}$/;

const sandbox = useTestSandbox();

describe('QR codes', () => {
  it('shows the first QR code after the connect delay, shaped like WhatsApp’s', async () => {
    const { session, events } = sandbox.open();
    await session.start();
    expect(events).toEqual([]);

    await advance(TEST_OPTIONS.connectDelayMs);
    const [event] = events;
    expect(event?.type).toBe('qr');
    if (event?.type !== 'qr') return;
    expect(event.qr).toMatch(QR_SHAPE);
    expect(event.expiresAt).toBe(Date.now() + TEST_OPTIONS.qrRotateMs);
  });

  it('rotates to a new code each period, then fails when the last one expires unscanned', async () => {
    const { session, events } = sandbox.open();
    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    await advance(TEST_OPTIONS.qrRotateMs);
    expect(qrsOf(events)).toHaveLength(2);
    await advance(TEST_OPTIONS.qrRotateMs);

    const qrs = qrsOf(events);
    expect(qrs).toHaveLength(TEST_OPTIONS.qrMaxCodes);
    expect(new Set(qrs).size).toBe(qrs.length);
    expect(typesOf(events)).toEqual(['qr', 'qr', 'qr']);

    await advance(TEST_OPTIONS.qrRotateMs);
    expect(events.at(-1)).toEqual({
      type: 'failed',
      reason: 'QR code not scanned in time',
      coded: { reason: 'session.qr_not_scanned', params: {} },
      retryable: false,
    });

    await advance(TEST_OPTIONS.qrRotateMs * 10);
    expect(events).toHaveLength(TEST_OPTIONS.qrMaxCodes + 1);
  });

  it('marks the code after which it gives up as the last one, and no earlier code', async () => {
    const { session, events } = sandbox.open();
    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs + TEST_OPTIONS.qrRotateMs * (TEST_OPTIONS.qrMaxCodes - 1));

    const shown = events.filter((event) => event.type === 'qr');
    expect(shown).toHaveLength(TEST_OPTIONS.qrMaxCodes);
    expect(shown.map((event) => 'last' in event)).toEqual([false, false, true]);
    expect(shown.at(-1)).toMatchObject({ last: true });
    await advance(TEST_OPTIONS.qrRotateMs);
    expect(events.at(-1)?.type).toBe('failed');
  });

  it('marks the only code as the last one when it gives up after one', async () => {
    const single = createTestSandbox({ qrMaxCodes: 1 });
    try {
      const { session, events } = single.open();
      await session.start();
      await advance(TEST_OPTIONS.connectDelayMs);
      expect(events).toEqual([
        { type: 'qr', qr: lastQr(events), expiresAt: Date.now() + TEST_OPTIONS.qrRotateMs, last: true },
      ]);
    } finally {
      single.cleanup();
    }
  });

  it('refuses a second start while running', async () => {
    const { session } = sandbox.open();
    await session.start();
    await expect(session.start()).rejects.toThrow('already started');
  });

  it('can start again after the QR cycle failed, with fresh codes', async () => {
    const { session, events } = sandbox.open();
    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs + TEST_OPTIONS.qrRotateMs * TEST_OPTIONS.qrMaxCodes);
    expect(events.at(-1)?.type).toBe('failed');
    const oldQr = lastQr(events);

    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    expect(events.at(-1)?.type).toBe('qr');
    // A new cycle: its first code is not the last one, whatever the previous cycle ended on.
    expect(events.at(-1)).not.toHaveProperty('last');
    expect(lastQr(events)).not.toBe(oldQr);
    expect(sandbox.network.sessionIdForQr(oldQr)).toBeUndefined();
  });
});

describe('linking', () => {
  it('links when the phone scans: authenticated, then ready with the phone and a name', async () => {
    const { session, events, dataDir } = sandbox.open();
    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs);

    expect(sandbox.network.scan(lastQr(events), '4915112344567')).toEqual({ sessionId: 'alpha' });
    expect(events.at(-1)).toEqual({ type: 'authenticated' });
    await advance(TEST_OPTIONS.connectDelayMs);
    expect(events.at(-1)).toEqual({ type: 'ready', me: { phone: '4915112344567', name: 'Henry Johnson' } });

    const link = JSON.parse(readFileSync(join(dataDir, 'sandbox.json'), 'utf8'));
    expect(link).toEqual({ phone: '4915112344567', name: 'Henry Johnson', linkedAt: expect.any(Number) });

    // No more QR codes or a timeout once linked.
    await advance(TEST_OPTIONS.qrRotateMs * 10);
    expect(typesOf(events)).toEqual(['qr', 'authenticated', 'ready']);
  });

  it('stays linked across a restart: a new session on the same folder is ready without a QR code', async () => {
    const first = await sandbox.openLinked('alpha', '4915112344567');
    await first.session.stop();

    const second = sandbox.open('alpha', first.dataDir);
    await second.session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    expect(second.events).toEqual([
      { type: 'authenticated' },
      { type: 'ready', me: { phone: '4915112344567', name: 'Henry Johnson' } },
    ]);
  });

  it('treats a damaged link file like lost auth and shows a QR code', async () => {
    const { session, events, dataDir } = sandbox.open();
    writeFileSync(join(dataDir, 'sandbox.json'), '{"phone": 12');
    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    expect(typesOf(events)).toEqual(['qr']);
  });

  it('logout deletes the link, so the next start shows a QR code', async () => {
    const { session, events, dataDir } = await sandbox.openLinked('alpha', '4915112344567');
    await session.logout();
    expect(existsSync(join(dataDir, 'sandbox.json'))).toBe(false);
    await session.logout();

    events.length = 0;
    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    expect(typesOf(events)).toEqual(['qr']);
  });

  it('logout works on a session that was never started', async () => {
    const { session, dataDir } = await sandbox.openLinked('alpha', '4915112344567');
    await session.stop();
    const dormant = sandbox.open('alpha', dataDir);
    await dormant.session.logout();
    expect(existsSync(join(dataDir, 'sandbox.json'))).toBe(false);
  });
});

describe('pairing codes', () => {
  it('issues an 8-character code from an unambiguous alphabet and links the phone that enters it', async () => {
    const { session, events } = sandbox.open();
    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs);

    const code = await session.requestPairingCode('4915112344567');
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(events.at(-1)).toEqual({ type: 'pairing_code', code });
    expect(sandbox.network.sessionIdForPairingCode(code)).toBe('alpha');

    expect(() => sandbox.network.pair(code, '4915100000000')).toThrow(
      expect.objectContaining({ status: 409, message: expect.stringContaining('4915112344567') }),
    );
    expect(sandbox.network.pair(code, '4915112344567')).toEqual({ sessionId: 'alpha' });
    await advance(TEST_OPTIONS.connectDelayMs);
    expect(events.at(-1)).toEqual({ type: 'ready', me: { phone: '4915112344567', name: 'Henry Johnson' } });
  });

  it('keeps a code valid across QR rotations until the QR cycle ends, then answers 410', async () => {
    const { session } = sandbox.open();
    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    const code = await session.requestPairingCode('4915112344567');
    await advance(TEST_OPTIONS.qrRotateMs * TEST_OPTIONS.qrMaxCodes);

    expect(() => sandbox.network.pair(code, '4915112344567')).toThrow(
      expect.objectContaining({ status: 410 }),
    );
  });

  it('is refused unless the session is showing a QR code', async () => {
    const { session } = sandbox.open();
    await expect(session.requestPairingCode('4915112344567')).rejects.toThrow('not waiting for a link');
    await session.start();
    await expect(session.requestPairingCode('4915112344567')).rejects.toThrow('still connecting');
    await session.stop();

    const linked = await sandbox.openLinked('beta', '4915112344567');
    await expect(linked.session.requestPairingCode('4915100000000')).rejects.toThrow('already linked');
  });

  it('rejects a phone that is not digits', async () => {
    const { session } = sandbox.open();
    await session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    await expect(session.requestPairingCode('+49 151')).rejects.toThrow('digits');
  });
});

describe('stop', () => {
  it('emits nothing after stop resolves: no QR rotation, no pending acks', async () => {
    const showingQr = sandbox.open('alpha');
    await showingQr.session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    await showingQr.session.stop();

    const sending = await sandbox.openLinked('beta', '4915112344567');
    await sending.session.send('4917000000001', { type: 'text', text: 'Hi' });
    await sending.session.stop();
    await sending.session.stop();

    const before = [showingQr.events.length, sending.events.length];
    await advance(TEST_OPTIONS.qrRotateMs * 20);
    expect([showingQr.events.length, sending.events.length]).toEqual(before);
    expect(sandbox.network.sessionIdForPhone('4915112344567')).toBeUndefined();
  });

  it('a session stopped while connecting emits nothing and keeps its link', async () => {
    const { session, events, dataDir } = await sandbox.openLinked('alpha', '4915112344567');
    await session.stop();
    events.length = 0;
    await session.start();
    await session.stop();
    await advance(TEST_OPTIONS.connectDelayMs * 10);
    expect(events).toEqual([]);
    expect(existsSync(join(dataDir, 'sandbox.json'))).toBe(true);
  });

  it('a listener that stops the session on authenticated gets no ready', async () => {
    const { session, dataDir } = await sandbox.openLinked('alpha', '4915112344567');
    await session.stop();
    const again = sandbox.open('alpha', dataDir);
    again.session.onEvent((event) => {
      if (event.type === 'authenticated') void again.session.stop();
    });
    await again.session.start();
    await advance(TEST_OPTIONS.connectDelayMs * 10);
    expect(typesOf(again.events)).toEqual(['authenticated']);
  });
});

describe('with real timers', () => {
  it('shows a QR code and becomes ready after a scan', async () => {
    vi.useRealTimers();
    const real = createTestSandbox();
    try {
      const { session } = real.open();
      const next = (type: EngineEvent['type']) =>
        new Promise<EngineEvent>((resolve) => {
          const off = session.onEvent((event) => {
            if (event.type !== type) return;
            off();
            resolve(event);
          });
        });
      const qr = next('qr');
      await session.start();
      const shown = await qr;
      if (shown.type !== 'qr') throw new Error('expected a QR code');
      const ready = next('ready');
      real.network.scan(shown.qr, '4915112344567');
      expect(await ready).toEqual({ type: 'ready', me: { phone: '4915112344567', name: 'Henry Johnson' } });
      await session.stop();
    } finally {
      real.cleanup();
    }
  });
});
