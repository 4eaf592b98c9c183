import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { errorMessage, TimeoutError, withTimeout } from './timeout.ts';

describe('withTimeout', () => {
  it('resolves with the work’s value when it finishes in time', async () => {
    await expect(withTimeout(async () => 42, 100, 'too slow')).resolves.toBe(42);
    await expect(withTimeout(() => sleep(5).then(() => 'late but fine'), 200, 'too slow')).resolves.toBe(
      'late but fine',
    );
  });

  it('rejects with a TimeoutError carrying the message when the work hangs', async () => {
    const began = Date.now();
    const result = withTimeout(() => new Promise<never>(() => {}), 30, 'The engine did not start within 0 s');
    await expect(result).rejects.toBeInstanceOf(TimeoutError);
    await expect(result).rejects.toThrow('The engine did not start within 0 s');
    expect(Date.now() - began).toBeGreaterThanOrEqual(25);
  });

  it('passes the work’s own rejection through', async () => {
    await expect(
      withTimeout(
        async () => {
          throw new Error('browser missing');
        },
        100,
        'too slow',
      ),
    ).rejects.toThrow('browser missing');
  });

  it('turns a synchronous throw into a rejection', async () => {
    const work = (): Promise<void> => {
      throw new Error('thrown synchronously');
    };
    const result = withTimeout(work, 100, 'too slow');
    expect(result).toBeInstanceOf(Promise);
    await expect(result).rejects.toThrow('thrown synchronously');
  });

  it('leaves no timer behind once the work settled', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await withTimeout(async () => 'done', 60_000, 'too slow');
    const after = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    expect(after).toBeLessThanOrEqual(before);
  });
});

describe('errorMessage', () => {
  it('reads Error messages and stringifies anything else', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage(new TimeoutError('late'))).toBe('late');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});
