import { indexQueuedMessages, openDatabase } from '@switchboard/db';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../logger.ts';
import { messageIndexing } from './message-search.ts';

const db = openDatabase(':memory:');
const sqlite = db.$client;
sqlite.exec(`
  INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES ('u', 'a@b.c', 'A', 'admin', 'x', 1);
  INSERT INTO accounts (id, name, engine, owner_id, updated_at, status_changed_at) VALUES ('s', 'S', 'sandbox', 'u', 1, 1);
`);
const insert =
  sqlite.prepare(`INSERT INTO messages (id, account_id, direction, peer, body, status, updated_at)
  VALUES (?, 's', 'in', '49151', ?, 'received', 1)`);
const store = (count: number, word: string) =>
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`${word}-${i}`, `about the ${word} number ${i}`);
  })();
const found = (word: string) =>
  sqlite.prepare('SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?').pluck().get(word) as number;
const queued = () => sqlite.prepare('SELECT count(*) FROM messages_fts_queue').pluck().get() as number;

const service = messageIndexing(db, silentLogger);
afterEach(() => service.stop());

describe('message search indexing', () => {
  it('indexes stored messages in the background, in batches, without waiting for a search', async () => {
    store(500, 'invoice');
    expect(found('invoice')).toBe(0);
    service.start();
    await vi.waitFor(() => expect(found('invoice')).toBe(500), { timeout: 10_000 });
    expect(queued()).toBe(0);
    sqlite.exec(`INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')`);
  });

  it('stops: what is stored after leaves the queue only for a search or the next start', async () => {
    service.start();
    await service.stop();
    store(3, 'receipt');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(queued()).toBe(3);
    expect(indexQueuedMessages(sqlite)).toBe(3);
    expect(found('receipt')).toBe(3);
  });
});
