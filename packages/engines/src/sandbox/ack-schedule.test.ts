import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AckLevel } from '../contract.ts';
import { AckSchedule } from './ack-schedule.ts';

describe('the receipts still to come', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const told: string[] = [];
  const schedule = (delays = { deliveredDelayMs: 100, readDelayMs: 300 }) => {
    told.length = 0;
    return new AckSchedule(delays, (id: string, ack: AckLevel) => told.push(`${id} ${ack}`));
  };

  it('tells each send delivered, then read, after its own delays, earliest first across sends', async () => {
    const acks = schedule();
    acks.add('a', Date.now());
    await vi.advanceTimersByTimeAsync(150);
    acks.add('b', Date.now());
    await vi.advanceTimersByTimeAsync(99);
    expect(told).toEqual(['a delivered']);
    await vi.advanceTimersByTimeAsync(1);
    expect(told).toEqual(['a delivered', 'b delivered']);
    await vi.advanceTimersByTimeAsync(50);
    expect(told).toEqual(['a delivered', 'b delivered', 'a read']);
    await vi.advanceTimersByTimeAsync(150);
    expect(told).toEqual(['a delivered', 'b delivered', 'a read', 'b read']);
  });

  it('keeps every send of a long run, in order, as the queue is trimmed behind it', async () => {
    const acks = schedule({ deliveredDelayMs: 10, readDelayMs: 30 });
    const ids = Array.from({ length: 2000 }, (_, i) => `m${i}`);
    for (const id of ids) {
      acks.add(id, Date.now());
      await vi.advanceTimersByTimeAsync(1);
    }
    await vi.advanceTimersByTimeAsync(30);
    expect(told.filter((t) => t.endsWith('delivered'))).toEqual(ids.map((id) => `${id} delivered`));
    expect(told.filter((t) => t.endsWith('read'))).toEqual(ids.map((id) => `${id} read`));
    for (const id of ids) expect(told.indexOf(`${id} delivered`)).toBeLessThan(told.indexOf(`${id} read`));
  });

  it('tells nothing more once cleared, even when a listener clears it midway', async () => {
    told.length = 0;
    const acks: AckSchedule = new AckSchedule({ deliveredDelayMs: 10, readDelayMs: 30 }, (id, ack) => {
      told.push(`${id} ${ack}`);
      if (id === 'a') acks.clear();
    });
    acks.add('a', Date.now());
    acks.add('b', Date.now());
    await vi.advanceTimersByTimeAsync(100);
    expect(told).toEqual(['a delivered']);
    acks.add('c', Date.now());
    await vi.advanceTimersByTimeAsync(100);
    expect(told).toEqual(['a delivered', 'c delivered', 'c read']);
  });

  it('goes on with the next receipts when a listener throws', async () => {
    told.length = 0;
    const acks = new AckSchedule({ deliveredDelayMs: 10, readDelayMs: 30 }, (id, ack) => {
      told.push(`${id} ${ack}`);
      if (id === 'a' && ack === 'delivered') throw new Error('listener failed');
    });
    acks.add('a', Date.now());
    acks.add('b', Date.now());
    await expect(vi.advanceTimersByTimeAsync(10)).rejects.toThrow('listener failed');
    await vi.advanceTimersByTimeAsync(100);
    expect(told).toEqual(['a delivered', 'b delivered', 'a read', 'b read']);
  });
});
