import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDatabase } from '@switchboard/db';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A database file, and a second connection to it that sees only what has committed. */
function twoConnections(): { db: Db; reader: Db['$client']; notes: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-group-commit-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'test.db'));
  db.$client.exec('create table notes (text text primary key)');
  const reader = openDatabase(join(dir, 'test.db')).$client;
  const select = reader.prepare('select text from notes order by rowid');
  return { db, reader, notes: () => select.all().map((r) => (r as { text: string }).text) };
}

describe('GroupCommit', () => {
  it('commits the writes of one tick together, and tells each caller after the commit, in order', async () => {
    const { db, reader, notes } = twoConnections();
    const commits = new GroupCommit(db);
    const insert = db.$client.prepare('insert into notes (text) values (?)');
    const seen: string[][] = [];
    const told: string[] = [];
    const writes = ['a', 'b', 'c'].map((text) =>
      commits.write(
        () => insert.run(text).changes,
        () => {
          told.push(text);
          seen.push(notes());
        },
      ),
    );
    // Nothing is stored before the tick ends.
    expect(notes()).toEqual([]);
    expect(await Promise.all(writes)).toEqual([1, 1, 1]);
    expect(told).toEqual(['a', 'b', 'c']);
    // Each caller is told once all of them are committed, as another connection sees it.
    for (const view of seen) expect(view).toEqual(['a', 'b', 'c']);
    reader.close();
  });

  it('fails only the write that throws; the others of its tick are stored', async () => {
    const { db, reader, notes } = twoConnections();
    const commits = new GroupCommit(db);
    const insert = db.$client.prepare('insert into notes (text) values (?)');
    const results = await Promise.allSettled([
      commits.write(() => insert.run('first')),
      commits.write(() => {
        insert.run('half of it');
        // The same key again: this write fails, and its first half is rolled back with it.
        insert.run('first');
      }),
      commits.write(() => insert.run('third')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
    });
    expect(notes()).toEqual(['first', 'third']);
    reader.close();
  });

  it('tries a tick whole first: each write runs once when none throws, again only when one does', async () => {
    const { db, reader, notes } = twoConnections();
    const commits = new GroupCommit(db);
    const insert = db.$client.prepare('insert into notes (text) values (?)');
    const runs: string[] = [];
    const note = (text: string) => () => {
      runs.push(text);
      return insert.run(text);
    };
    await Promise.all([commits.write(note('a')), commits.write(note('b'))]);
    expect(runs).toEqual(['a', 'b']);
    runs.length = 0;
    const results = await Promise.allSettled([commits.write(note('c')), commits.write(note('a'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    // Tried whole, rolled back, then each in its savepoint: 'c' ran twice and is stored once.
    expect(runs).toEqual(['c', 'a', 'c', 'a']);
    expect(notes()).toEqual(['a', 'b', 'c']);
    reader.close();
  });

  it('writes what waits at once when flushed (shutdown)', async () => {
    const { db, reader, notes } = twoConnections();
    const commits = new GroupCommit(db);
    const written = commits.write(() => db.$client.prepare('insert into notes (text) values (?)').run('now'));
    commits.flush();
    expect(notes()).toEqual(['now']);
    await written;
    reader.close();
  });

  it('writes a joined part after the tick’s writes, in the same commit, and tells it after the commit', async () => {
    const { db, reader, notes } = twoConnections();
    const commits = new GroupCommit(db);
    const insert = db.$client.prepare('insert into notes (text) values (?)');
    const events: string[] = [];
    commits.join({
      write: () => {
        insert.run('status');
        events.push('part written');
      },
      committed: () => events.push(`part told, stored: ${notes().join(' ')}`),
      failed: () => events.push('part failed'),
    });
    const written = commits.write(
      () => insert.run('send'),
      () => events.push('send told'),
    );
    expect(notes()).toEqual([]);
    await written;
    // The writes come first, whichever was added first; both were stored by one commit before anyone heard.
    expect(notes()).toEqual(['send', 'status']);
    expect(events).toEqual(['part written', 'send told', 'part told, stored: send status']);
    reader.close();
  });

  it('rolls back a joined part that throws and tells it so; the tick’s writes are stored all the same', async () => {
    const { db, reader, notes } = twoConnections();
    const commits = new GroupCommit(db);
    const insert = db.$client.prepare('insert into notes (text) values (?)');
    const failures: unknown[] = [];
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    commits.join({
      write: () => {
        insert.run('half a status change');
        throw full;
      },
      committed: () => failures.push('told as committed'),
      failed: (error) => failures.push(error),
    });
    const written = [commits.write(() => insert.run('first')), commits.write(() => insert.run('second'))];
    expect((await Promise.allSettled(written)).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(notes()).toEqual(['first', 'second']);
    expect(failures).toEqual([full]);
    reader.close();
  });

  it('tells a joined part it failed when the commit itself fails, with the writes', async () => {
    const { db, reader, notes } = twoConnections();
    const commits = new GroupCommit(db);
    // A reference checked only at commit: a dangling one lets every savepoint through and fails the commit.
    db.$client.exec('create table links (note text references notes (text) deferrable initially deferred)');
    const failures: unknown[] = [];
    commits.join({
      write: () => db.$client.prepare('insert into notes (text) values (?)').run('status'),
      committed: () => failures.push('committed'),
      failed: (e) => failures.push(e),
    });
    const written = commits.write(() =>
      db.$client.prepare('insert into links (note) values (?)').run('none'),
    );
    await expect(written).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    expect(failures).toEqual([expect.objectContaining({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' })]);
    expect(notes()).toEqual([]);
    reader.close();
  });
});
