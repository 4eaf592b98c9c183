import Database from 'better-sqlite3';

export interface FileLock {
  release(): void;
}

/**
 * Takes an exclusive lock on `path` (an SQLite file of its own, created if needed) and holds it until
 * `release()` or the process ends — the operating system drops it with the process, so a killed holder
 * never blocks the next one. Null when another connection, in this process or another, holds it.
 */
export function lockFile(path: string): FileLock | null {
  const holder = new Database(path, { timeout: 0 });
  try {
    // In exclusive locking mode the first write's lock is never given back while the connection lives.
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.pragma('journal_mode = MEMORY');
    holder.exec('BEGIN EXCLUSIVE; COMMIT;');
  } catch (error) {
    holder.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw error;
  }
  return {
    release: () => {
      if (holder.open) holder.close();
    },
  };
}
