import { beforeEach, describe, expect, it, vi } from 'vitest';

const rm = vi.fn();
vi.mock('node:fs/promises', async (original) => ({
  ...(await original<typeof import('node:fs/promises')>()),
  rm: (...args: unknown[]) => rm(...args),
}));
const { removeWithRetry } = await import('./remove-with-retry.ts');

const fsError = (code: string) =>
  Object.assign(new Error(`${code}: resource busy or locked, rmdir '/x'`), { code });

// Braces: a function returned from beforeEach would be run as its teardown.
beforeEach(() => {
  rm.mockReset();
});

describe('removeWithRetry', () => {
  it('retries while files are busy, then succeeds', async () => {
    rm.mockRejectedValueOnce(fsError('EBUSY'))
      .mockRejectedValueOnce(fsError('ENOTEMPTY'))
      .mockResolvedValue(undefined);
    await removeWithRetry('/x', { firstDelayMs: 1 });
    expect(rm).toHaveBeenCalledTimes(3);
    expect(rm).toHaveBeenCalledWith('/x', { recursive: true, force: true });
  });

  it('reports the folder and the error when it still cannot', async () => {
    rm.mockRejectedValue(fsError('EBUSY'));
    await expect(removeWithRetry('/x', { attempts: 3, firstDelayMs: 1 })).rejects.toThrow(
      "Could not remove /x after 3 attempts: EBUSY: resource busy or locked, rmdir '/x'",
    );
    expect(rm).toHaveBeenCalledTimes(3);
  });

  it('does not retry errors that will not go away', async () => {
    rm.mockRejectedValue(fsError('EROFS'));
    await expect(removeWithRetry('/x', { firstDelayMs: 1 })).rejects.toThrow('after 1 attempt:');
    expect(rm).toHaveBeenCalledTimes(1);
  });
});
