import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** Errors that mean "something still has a file open or is still writing into the folder" — worth a retry. */
const TRANSIENT = new Set(['EBUSY', 'ENOTEMPTY', 'EPERM', 'EACCES', 'EMFILE']);

/**
 * Removes a folder, retrying with backoff while files are locked. A browser that was just closed keeps
 * writing its profile for a moment (and on Windows holds files open), which is what makes a plain `rm`
 * fail with EBUSY/ENOTEMPTY on logout or when a session's data folder is deleted. After `attempts` tries
 * it gives up with a message that says so. Shared by the engines and core, so both retry the same way.
 */
export async function removeWithRetry(
  path: string,
  { attempts = 8, firstDelayMs = 100 } = {},
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rm(path, { recursive: true, force: true });
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!TRANSIENT.has(code) || attempt >= attempts) {
        throw new Error(
          `Could not remove ${path} after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      await sleep(Math.min(firstDelayMs * 2 ** (attempt - 1), 2_000));
    }
  }
}
