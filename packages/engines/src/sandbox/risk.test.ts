import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineSendError } from '../contract.ts';
import { SandboxNetwork } from './network.ts';
import { DEFAULT_RISK, RiskModel } from './risk.ts';
import { advance, createTestSandbox, typesOf } from './test-support.ts';

const ACCOUNT = '4915112344567';
const contact = (i: number) => `49170000${String(i).padStart(5, '0')}`;

function model(overrides = {}) {
  let now = 1_000_000;
  const changes: string[] = [];
  const risk = new RiskModel(
    { ...DEFAULT_RISK, ...overrides },
    () => now,
    (a) => changes.push(a),
  );
  return { risk, changes, tick: (ms: number) => (now += ms), now: () => now };
}

describe('the risk model', () => {
  it('limits an account that sends too fast, refuses new contacts meanwhile, and bans it if it keeps going', () => {
    const { risk, changes } = model({ fixedIntervalSends: 0 });
    const verdicts = Array.from({ length: 11 }, (_, i) => risk.assess(ACCOUNT, contact(i)).kind);
    expect(verdicts.slice(0, 10)).toEqual(Array(10).fill('allow'));
    expect(verdicts[10]).toBe('refuse');
    expect(risk.standing(ACCOUNT).lastStrike).toBe('sent 11 messages within a minute');
    for (let i = 11; i < 40; i++) verdicts.push(risk.assess(ACCOUNT, contact(i)).kind);
    // Ten refused sends while limited make a strike each; the third strike bans.
    expect(verdicts.indexOf('banned')).toBe(30);
    expect(risk.standing(ACCOUNT)).toMatchObject({
      strikes: 3,
      banned: 'kept messaging new contacts while limited after 2 earlier warnings',
    });
    expect(changes).toEqual([ACCOUNT, ACCOUNT, ACCOUNT]);
  });

  it('lets replies to people who wrote out while limited', () => {
    const { risk } = model({ fixedIntervalSends: 0 });
    risk.heardFrom(ACCOUNT, contact(99));
    for (let i = 0; i < 11; i++) risk.assess(ACCOUNT, contact(i));
    expect(risk.standing(ACCOUNT).limitedUntil).not.toBeNull();
    expect(risk.assess(ACCOUNT, contact(99)).kind).toBe('allow');
    expect(risk.assess(ACCOUNT, contact(50)).kind).toBe('refuse');
  });

  it('spots sends at a fixed interval, and too many new contacts in an hour', () => {
    const fixed = model();
    for (let i = 0; i < 9; i++) {
      expect(fixed.risk.assess(ACCOUNT, contact(i)).kind).toBe('allow');
      fixed.tick(20_000);
    }
    expect(fixed.risk.assess(ACCOUNT, contact(9)).kind).toBe('refuse');
    expect(fixed.risk.standing(ACCOUNT).lastStrike).toBe('sent 10 messages at the same interval (20.0 s)');

    const many = model({ newContactsPerHour: 5, fixedIntervalSends: 0 });
    for (let i = 0; i < 5; i++) {
      expect(many.risk.assess(ACCOUNT, contact(i)).kind).toBe('allow');
      many.tick(30_000 + i * 1000);
    }
    expect(many.risk.assess(ACCOUNT, contact(5)).kind).toBe('refuse');
    expect(many.risk.standing(ACCOUNT).lastStrike).toBe('messaged 6 new contacts within an hour');
  });

  it('takes no offence at a paced, irregular sender', () => {
    const { risk, tick } = model();
    for (let i = 0; i < 200; i++) {
      expect(risk.assess(ACCOUNT, contact(i)).kind).toBe('allow');
      tick(30_000 + ((i * 7919) % 30_000));
    }
    expect(risk.standing(ACCOUNT).strikes).toBe(0);
  });

  it('counts spam reports as strikes, and does nothing when turned off', () => {
    const { risk } = model();
    expect(risk.report(ACCOUNT)).toMatchObject({
      strikes: 1,
      limitedUntil: expect.any(Number),
      banned: null,
    });
    risk.report(ACCOUNT);
    expect(risk.report(ACCOUNT).banned).toBe('reported as spam after 2 earlier warnings');
    const off = model({ enabled: false });
    for (let i = 0; i < 100; i++) expect(off.risk.assess(ACCOUNT, contact(i)).kind).toBe('allow');
  });
});

describe('a sandbox session under the risk model', () => {
  let sandbox: ReturnType<typeof createTestSandbox>;
  let dir: string;

  beforeEach(() => {
    vi.useFakeTimers();
    dir = mkdtempSync(join(tmpdir(), 'switchboard-risk-'));
    sandbox = createTestSandbox({ risk: DEFAULT_RISK, stateFile: join(dir, 'network.jsonl') });
  });

  afterEach(() => {
    vi.useRealTimers();
    sandbox.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is announced as limited, refused as reach-out limited, then fails as banned and stays banned', async () => {
    const { session, events, dataDir } = await sandbox.openLinked('alpha', ACCOUNT);
    events.length = 0;
    const outcomes: string[] = [];
    for (let i = 0; i < 31; i++) {
      const result = await session.send(contact(i), { type: 'text', text: 'Buy now' }).then(
        () => 'sent',
        (e: unknown) => (e instanceof EngineSendError ? e.reason : 'other'),
      );
      outcomes.push(result);
    }
    // A loop sends at one steady beat: the tenth send is caught at it.
    expect(outcomes.slice(0, 9)).toEqual(Array(9).fill('sent'));
    expect(outcomes[9]).toBe('reach_out_limited');
    expect(outcomes[29]).toBe('error');
    const notable = events.filter((e) => e.type !== 'ack');
    expect(typesOf(notable)).toEqual(['limited', 'failed']);
    expect(notable[1]).toMatchObject({
      retryable: false,
      reason: expect.stringMatching(/^Banned by WhatsApp/),
    });

    // The next server run reads the ban back: the number stays banned.
    const network = new SandboxNetwork({ stateFile: join(dir, 'network.jsonl'), risk: DEFAULT_RISK });
    expect(network.standing(ACCOUNT).banned).toMatch(/kept messaging new contacts/);
    expect(network.phoneMessages(contact(0))).toHaveLength(1);
    const again = sandbox.open('alpha', dataDir);
    await again.session.start();
    await advance(10);
    expect(again.events.at(-1)).toMatchObject({ type: 'failed', reason: expect.stringMatching(/^Banned/) });
  });

  it('takes spam reports only from phones the account messaged', async () => {
    await sandbox.openLinked('alpha', ACCOUNT);
    expect(() => sandbox.network.report(contact(1), ACCOUNT)).toThrow(/never received a message/);
  });
});
