import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue.ts';
import { deferred } from './test-support/fake-engine.ts';

describe('SerialQueue', () => {
  it('runs tasks of one key one at a time, in the order they were queued', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const task = (name: string, ms: number) => async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
      running -= 1;
      return name;
    };
    const results = await Promise.all([
      queue.run('a', task('1', 15)),
      queue.run('a', task('2', 1)),
      queue.run('a', task('3', 5)),
    ]);
    expect(results).toEqual(['1', '2', '3']);
    expect(maxRunning).toBe(1);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('lets different keys proceed independently', async () => {
    const queue = new SerialQueue();
    const blocker = deferred();
    const blocked = queue.run('a', () => blocker.promise.then(() => 'a done'));
    const afterBlocked = queue.run('a', async () => 'a second');
    await expect(queue.run('b', async () => 'b done')).resolves.toBe('b done');
    let settled = false;
    void afterBlocked.then(() => {
      settled = true;
    });
    await sleep(5);
    expect(settled).toBe(false);
    blocker.resolve();
    await expect(blocked).resolves.toBe('a done');
    await expect(afterBlocked).resolves.toBe('a second');
  });

  it('does not let a failing task block the next one, and hands its error to its caller', async () => {
    const queue = new SerialQueue();
    const failing = queue.run('a', async () => {
      throw new Error('task failed');
    });
    const throwing = queue.run('a', () => {
      throw new Error('thrown synchronously');
    });
    const next = queue.run('a', async () => 'still runs');
    await expect(failing).rejects.toThrow('task failed');
    await expect(throwing).rejects.toThrow('thrown synchronously');
    await expect(next).resolves.toBe('still runs');
  });

  it('drain() waits for everything queued so far, including tasks queued meanwhile', async () => {
    const queue = new SerialQueue();
    const done: string[] = [];
    void queue.run('a', async () => {
      await sleep(10);
      done.push('a1');
      void queue.run('b', async () => {
        await sleep(5);
        done.push('b1');
      });
    });
    void queue
      .run('c', async () => {
        throw new Error('ignored by drain');
      })
      .catch(() => undefined);
    await queue.drain();
    expect(done).toEqual(['a1', 'b1']);
    await queue.drain();
  });
});
