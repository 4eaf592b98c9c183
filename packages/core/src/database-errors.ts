/** SQLite result codes that mean "the database cannot be written now", and what to tell people about each. */
const UNWRITABLE: Array<[prefix: string, reason: string]> = [
  ['SQLITE_BUSY', 'it is locked by another program'],
  ['SQLITE_LOCKED', 'it is locked by another program'],
  ['SQLITE_FULL', 'the disk is full'],
  ['SQLITE_READONLY', 'it is read-only'],
  ['SQLITE_IOERR', 'the disk reported an input/output error'],
  ['SQLITE_CANTOPEN', 'its files cannot be opened'],
];

/**
 * Why an error means the database cannot be written right now (a condition outside Switchboard that can
 * pass: a lock, a full disk), or null for any other error. Never the raw message: it may name paths.
 */
export function unwritableReason(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const match = UNWRITABLE.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`));
  return match ? `The database cannot be written: ${match[1]}` : null;
}
