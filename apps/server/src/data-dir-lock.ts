import { join } from 'node:path';
import { type FileLock, lockFile } from '@switchboard/db';

export class DataDirInUseError extends Error {}

/**
 * One server per data folder: two would both run every session's engine, send every webhook twice and
 * overwrite each other's statuses. The lock lives as long as the server; the OS releases it if the process
 * dies, so a killed server never blocks the next start.
 */
export function lockDataDir(dataDir: string): FileLock {
  const path = join(dataDir, 'switchboard.lock');
  const lock = lockFile(path);
  if (!lock) {
    throw new DataDirInUseError(
      `Another Switchboard server is already using the data folder ${dataDir} (it holds ${path}). ` +
        'Stop that server first, or give this one its own DATA_DIR.',
    );
  }
  return lock;
}
