import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../contract.ts';
import { limitReason } from '../reach-out-words.ts';
import type { ReachOutState } from './page-probes.ts';
import { ReachOutLimit } from './reach-out.ts';

/** A ReachOutLimit reading scripted answers, one per check, as WhatsApp Web would give them. */
function follow(...answers: (ReachOutState | null)[]) {
  const events: EngineEvent[] = [];
  const refreshes: boolean[] = [];
  const limit = new ReachOutLimit(
    async (refresh) => {
      refreshes.push(refresh);
      return answers.shift() ?? null;
    },
    (event) => events.push(event),
  );
  return { limit, events, refreshes };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-10-01T12:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('ReachOutLimit', () => {
  it('announces a limit once, with its end, and asks WhatsApp again when it should be over', async () => {
    const until = Date.now() + 60_000;
    const { limit, events, refreshes } = follow(
      { limited: true, until, enforcement: 'WEB_COMPANION_ONLY' },
      { limited: true, until, enforcement: 'WEB_COMPANION_ONLY' },
      { limited: false },
    );
    await limit.check(false);
    await limit.check(false);
    expect(events).toEqual([{ type: 'limited', reason: limitReason('WEB_COMPANION_ONLY'), until }]);
    expect(limit.limited).toBe(true);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(events).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(events.at(-1)).toEqual({ type: 'limit_lifted' });
    expect(refreshes).toEqual([false, false, true]);
    expect(limit.limited).toBe(false);
  });

  it('announces a longer limit again, and keeps asking when WhatsApp gives no end', async () => {
    const { limit, events, refreshes } = follow(
      { limited: true },
      { limited: true, until: Date.now() + 5_000 },
      { limited: true, until: Date.now() + 5_000 },
    );
    await limit.check(false);
    expect(events).toEqual([{ type: 'limited', reason: limitReason(undefined) }]);
    await limit.check(true);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ type: 'limited', until: Date.now() + 5_000 });
    await vi.advanceTimersByTimeAsync(6_000);
    expect(refreshes).toEqual([false, true, true]);
    expect(events).toHaveLength(2);
    // Still limited past its end: WhatsApp is asked again minutes later, not in a tight loop.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(refreshes).toHaveLength(3);
  });

  it('says nothing when WhatsApp Web cannot tell, and nothing more once stopped', async () => {
    const { limit, events } = follow(null, { limited: true, until: Date.now() + 1_000 }, { limited: false });
    expect(await limit.check(false)).toBeNull();
    await limit.check(false);
    limit.stop();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(events.map((e) => e.type)).toEqual(['limited']);
  });

  it('names where WhatsApp restricts the account', () => {
    expect(limitReason('WEB_COMPANION_ONLY')).toContain('on WhatsApp Web');
    expect(limitReason('RESTRICT_ALL_COMPANIONS')).toContain('on its linked devices');
    expect(limitReason(undefined)).toMatch(
      /^WhatsApp limits this account for now \(error 463, reach-out limit\)/,
    );
  });
});
