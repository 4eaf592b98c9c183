import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type BackgroundService, Lifecycle, periodic } from './lifecycle.ts';
import { createLogger, silentLogger } from './logger.ts';

/** A service that records when it starts and stops, in one shared journal. */
function recorded(name: string, journal: string[], fail?: 'start' | 'stop'): BackgroundService {
  return {
    name,
    async start() {
      await sleep(1);
      if (fail === 'start') throw new Error(`${name} cannot start`);
      journal.push(`start ${name}`);
    },
    async stop() {
      await sleep(1);
      if (fail === 'stop') throw new Error(`${name} cannot stop`);
      journal.push(`stop ${name}`);
    },
  };
}

describe('Lifecycle', () => {
  it('starts services in order, one after the other, and stops them in reverse', async () => {
    const journal: string[] = [];
    const lifecycle = new Lifecycle(silentLogger)
      .add(recorded('dispatcher', journal))
      .add(recorded('sessions', journal))
      .add(recorded('sampling', journal));
    await lifecycle.start();
    await lifecycle.stop();
    expect(journal).toEqual([
      'start dispatcher',
      'start sessions',
      'start sampling',
      'stop sampling',
      'stop sessions',
      'stop dispatcher',
    ]);
    await lifecycle.stop();
    expect(journal).toHaveLength(6);
  });

  it('stops what already started when a later service cannot start, and reports the failure', async () => {
    const journal: string[] = [];
    const lifecycle = new Lifecycle(silentLogger)
      .add(recorded('dispatcher', journal))
      .add(recorded('sessions', journal, 'start'))
      .add(recorded('sampling', journal));
    await expect(lifecycle.start()).rejects.toThrow('sessions cannot start');
    expect(journal).toEqual(['start dispatcher', 'stop dispatcher']);
  });

  it('keeps stopping the others when one cannot stop, and logs which one', async () => {
    const journal: string[] = [];
    const lines: string[] = [];
    const lifecycle = new Lifecycle(createLogger('error', (line) => lines.push(line)))
      .add(recorded('dispatcher', journal))
      .add(recorded('sessions', journal, 'stop'))
      .add(recorded('sampling', journal));
    await lifecycle.start();
    await lifecycle.stop();
    expect(journal.filter((entry) => entry.startsWith('stop'))).toEqual(['stop sampling', 'stop dispatcher']);
    expect(lines.join('')).toMatch(/background service failed to stop service="sessions"/);
  });
});

describe('periodic', () => {
  it('runs a task at once when asked, then on its interval until stopped; a failing run is logged', async () => {
    let runs = 0;
    const lines: string[] = [];
    const task = periodic(
      'purge',
      5,
      () => {
        runs += 1;
        if (runs === 2) throw new Error('database busy');
      },
      createLogger('error', (line) => lines.push(line)),
      { immediately: true },
    );
    await task.start();
    expect(runs).toBe(1);
    await expect.poll(() => runs, { timeout: 2_000, interval: 5 }).toBeGreaterThanOrEqual(3);
    await task.stop();
    const stoppedAt = runs;
    await sleep(30);
    expect(runs).toBe(stoppedAt);
    expect(lines.join('')).toMatch(/periodic task failed task="purge" error="database busy"/);
  });
});
