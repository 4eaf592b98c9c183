import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Db, indexQueuedMessages, openDatabase } from '@switchboard/db';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../logger.ts';
import { indexForSearch, messageIndexing } from './message-search.ts';

let dir: string;
let db: Db;
/** Another program with the same database file open (a migration, an import). */
let other: Db;
let logged: string[];
let service: ReturnType<typeof messageIndexing>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-search-'));
  db = openDatabase(join(dir, 'switchboard.db'));
  other = openDatabase(join(dir, 'switchboard.db'));
  db.$client.exec(`
    INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES ('u', 'a@b.c', 'A', 'admin', 'x', 1);
    INSERT INTO accounts (id, name, engine, owner_id, updated_at, status_changed_at) VALUES ('s', 'S', 'sandbox', 'u', 1, 1);
  `);
  logged = [];
  const entry = (level: string) => (message: string) => logged.push(`${level}: ${message}`);
  const log: Logger = {
    debug: entry('debug'),
    info: entry('info'),
    warn: entry('warn'),
    error: entry('error'),
  };
  service = messageIndexing(db, log);
});
afterEach(async () => {
  await service.stop();
  db.$client.close();
  other.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Stores `count` messages mentioning `word`, in one transaction of `into`'s. */
const store = (into: Db, count: number, word: string, from = 0) => {
  const insert =
    into.$client.prepare(`INSERT INTO messages (id, account_id, direction, peer, body, status, updated_at)
    VALUES (?, 's', 'in', '49151', ?, 'received', 1)`);
  into.$client.transaction(() => {
    for (let i = from; i < from + count; i++) insert.run(`${word}-${i}`, `about the ${word} number ${i}`);
  })();
};
const found = (word: string) =>
  db.$client
    .prepare('SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?')
    .pluck()
    .get(word) as number;
const queued = () => db.$client.prepare('SELECT count(*) FROM messages_fts_queue').pluck().get() as number;

describe('message search indexing', () => {
  it('indexes stored messages in the background, in batches, without waiting for a search', async () => {
    store(db, 500, 'invoice');
    expect(found('invoice')).toBe(0);
    service.start();
    await vi.waitFor(() => expect(found('invoice')).toBe(500), { timeout: 10_000 });
    expect(queued()).toBe(0);
    db.$client.exec(`INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')`);
  });

  it('stops: what is stored after leaves the queue only for a search or the next start', async () => {
    service.start();
    await service.stop();
    store(db, 3, 'receipt');
    await sleep(300);
    expect(queued()).toBe(3);
    expect(indexQueuedMessages(db.$client)).toBe(3);
    expect(found('receipt')).toBe(3);
  });

  it('lets a search go on with what is indexed while another program holds the write lock', () => {
    store(db, 2, 'invoice');
    indexForSearch(db);
    store(db, 1, 'ticket');
    other.$client.exec('BEGIN IMMEDIATE');
    try {
      expect(() => indexForSearch(db)).not.toThrow();
      expect(found('invoice')).toBe(2);
      expect(queued()).toBe(1);
    } finally {
      other.$client.exec('COMMIT');
    }
    indexForSearch(db);
    expect(found('ticket')).toBe(1);
  });

  it('waits quietly while another program holds the write lock, says so once, and catches up after', async () => {
    store(other, 25_000, 'parcel');
    service.start();
    other.$client.exec('BEGIN IMMEDIATE');
    await sleep(600);
    other.$client.exec('COMMIT');
    // Caught up: everything indexed, and the loop has found the queue empty (a last batch may be full).
    await vi.waitFor(
      () => {
        expect(found('parcel')).toBe(25_000);
        expect(logged.filter((line) => !line.startsWith('debug'))).toEqual([
          'warn: message search indexing paused',
          'info: message search indexing resumed',
        ]);
      },
      { timeout: 20_000 },
    );
  });
});
