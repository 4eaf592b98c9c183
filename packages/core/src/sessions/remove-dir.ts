import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const RETRYABLE = new Set(['EBUSY', 'EPERM', 'ENOTEMPTY', 'EACCES']);

/**
 * Removes a session's data folder. A browser that is still letting go of its profile makes removal fail
 * with EBUSY/ENOTEMPTY for a moment, so it retries with backoff before reporting a real failure.
 */
export async function removeDir(path: string, attempts = 6): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rm(path, { recursive: true, force: true });
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!RETRYABLE.has(code) || attempt + 1 >= attempts) {
        throw new Error(`Could not remove ${path}: ${(error as Error).message}`);
      }
      await sleep(100 * 2 ** attempt);
    }
  }
}
