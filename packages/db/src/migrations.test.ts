import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { indexQueuedMessages } from './message-search-queue.ts';
import * as schema from './schema.ts';

const migrations = fileURLToPath(new URL('../drizzle', import.meta.url));

/** The migrations up to (and including) `tag`, as a database made by an earlier release would have had. */
function migrationsUpTo(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-migrations-'));
  cpSync(migrations, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  const last = journal.entries.findIndex((e) => e.tag === tag);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, last + 1) }));
  return folder;
}

/** The ids of the messages whose text the search index finds `term` in. */
const searchIds = (sqlite: Database.Database, term: string) =>
  sqlite
    .prepare(
      'SELECT m.id FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid WHERE messages_fts MATCH ?',
    )
    .pluck()
    .all(term);

describe('migrations', () => {
  it('give messages received before media was stored their type, and say their file was not kept', () => {
    const earlier = migrationsUpTo('0005_lid_contacts');
    const sqlite = new Database(':memory:');
    const db = drizzle(sqlite, { schema });
    try {
      migrate(db, { migrationsFolder: earlier });
      sqlite.exec(`
        INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES ('u', 'a@b.c', 'A', 'admin', 'x', 1);
        INSERT INTO accounts (id, name, engine, owner_id, updated_at, status_changed_at) VALUES ('s', 'S', 'webjs', 'u', 1, 1);
        INSERT INTO messages (id, account_id, direction, peer, body, status, media, updated_at) VALUES
          ('voice', 's', 'in', '49151', '[ptt]', 'received', '{"type":"ptt","mimetype":"audio/ogg; codecs=opus","size":9000}', 1),
          ('photo', 's', 'in', '49151', 'Our shop', 'received', '{"type":"image","mimetype":"image/jpeg"}', 1),
          ('text', 's', 'in', '49151', 'Hello', 'received', NULL, 1);
      `);
      migrate(db, { migrationsFolder: migrations });
      const rows = Object.fromEntries(
        db
          .select()
          .from(schema.messages)
          .all()
          .map((m) => [m.id, m]),
      );
      const missing = 'Received before Switchboard kept media files';
      expect(rows.voice).toMatchObject({
        type: 'voice',
        body: '',
        media: { mimetype: 'audio/ogg; codecs=opus', size: 9000, filename: null, sha256: null, missing },
      });
      expect(rows.photo).toMatchObject({
        type: 'image',
        body: 'Our shop',
        media: { mimetype: 'image/jpeg', missing },
      });
      expect(rows.text).toMatchObject({ type: 'text', body: 'Hello', media: null, location: null });
    } finally {
      sqlite.close();
      rmSync(earlier, { recursive: true, force: true });
    }
  });

  it('index the text of messages stored before message search existed', () => {
    const earlier = migrationsUpTo('0016_conversation_assignee');
    const sqlite = new Database(':memory:');
    const db = drizzle(sqlite, { schema });
    try {
      migrate(db, { migrationsFolder: earlier });
      sqlite.exec(`
        INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES ('u', 'a@b.c', 'A', 'admin', 'x', 1);
        INSERT INTO accounts (id, name, engine, owner_id, updated_at, status_changed_at) VALUES ('s', 'S', 'webjs', 'u', 1, 1);
        INSERT INTO messages (id, account_id, direction, peer, body, status, updated_at) VALUES
          ('old', 's', 'in', '49151', 'Where is my parcel?', 'received', 1),
          ('photo', 's', 'in', '49151', '', 'received', 1);
      `);
      migrate(db, { migrationsFolder: migrations });
      const found = (term: string) => searchIds(sqlite, term);
      expect(found('parcel')).toEqual(['old']);
      // A new message waits in the queue until a batch indexes it; later changes keep the index in step.
      sqlite.exec(`INSERT INTO messages (id, account_id, direction, peer, body, status, updated_at)
        VALUES ('new', 's', 'out', '49151', 'Your parcel left today', 'sent', 2)`);
      expect(found('parcel')).toEqual(['old']);
      expect(indexQueuedMessages(sqlite)).toBe(1);
      expect(found('parcel')).toEqual(['old', 'new']);
      expect(indexQueuedMessages(sqlite)).toBe(0);
      sqlite.exec(`UPDATE messages SET body = 'Where is my order?' WHERE id = 'old'`);
      expect(found('parcel')).toEqual(['new']);
      expect(found('order')).toEqual([]);
      expect(indexQueuedMessages(sqlite)).toBe(1);
      expect(found('order')).toEqual(['old']);
      sqlite.exec(`UPDATE messages SET status = 'read' WHERE id = 'new'`);
      sqlite.exec(`DELETE FROM messages WHERE id = 'new'`);
      expect(found('parcel')).toEqual([]);
      sqlite.exec(`INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')`);
    } finally {
      sqlite.close();
    }
  });

  it('leave the search index whole when a message is changed or deleted before it was indexed', () => {
    const sqlite = new Database(':memory:');
    const db = drizzle(sqlite, { schema });
    try {
      migrate(db, { migrationsFolder: migrations });
      const found = (term: string) => searchIds(sqlite, term);
      const insert =
        sqlite.prepare(`INSERT INTO messages (id, account_id, direction, peer, body, status, updated_at)
        VALUES (?, 's', 'in', '49151', ?, 'received', 1)`);
      sqlite.exec(`
        INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES ('u', 'a@b.c', 'A', 'admin', 'x', 1);
        INSERT INTO accounts (id, name, engine, owner_id, updated_at, status_changed_at) VALUES ('s', 'S', 'webjs', 'u', 1, 1);
      `);
      insert.run('a', 'First parcel');
      insert.run('b', 'Second parcel');
      insert.run('c', 'Third parcel');
      insert.run('empty', '');
      // Changed while queued: indexed once, with its new text.
      sqlite.exec(`UPDATE messages SET body = 'Second order' WHERE id = 'b'`);
      // Deleted while queued: it leaves the queue, and its rowid (the highest left) goes to the next message.
      const rowid = sqlite.prepare(`SELECT rowid FROM messages WHERE id = 'c'`).pluck().get();
      sqlite.exec(`DELETE FROM messages WHERE id IN ('c', 'empty')`);
      insert.run('d', 'Fourth parcel');
      expect(indexQueuedMessages(sqlite, 1)).toBe(1);
      expect(indexQueuedMessages(sqlite)).toBe(2);
      expect(sqlite.prepare(`SELECT rowid FROM messages WHERE id = 'd'`).pluck().get()).toBe(rowid);
      expect(found('parcel')).toEqual(['a', 'd']);
      expect(found('order')).toEqual(['b']);
      sqlite.exec(`DELETE FROM messages`);
      expect(found('parcel')).toEqual([]);
      sqlite.exec(`INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')`);
    } finally {
      sqlite.close();
    }
  });
});
