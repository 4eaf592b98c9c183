import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Checkpointer } from './checkpointer.ts';
import { openDatabase } from './open.ts';

const CRASH_WRITER = fileURLToPath(new URL('../test/crash-writer.ts', import.meta.url));
const ROW = 'x'.repeat(1000);

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-checkpoint-'));
  path = join(dir, 'switchboard.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const walBytes = () => statSync(`${path}-wal`).size;

describe('Checkpointer', () => {
  it('keeps the write-ahead log bounded while writes go on, and every row is there after reopening', async () => {
    const db = openDatabase(path);
    db.$client.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    // SQLite's own fallback far out of reach: only the thread can keep the log short here.
    const checkpointer = Checkpointer.start(db, path, 1_000_000);
    const insert = db.$client.prepare('INSERT INTO notes (body) VALUES (?)');
    const batch = db.$client.transaction(() => {
      for (let i = 0; i < 200; i++) insert.run(ROW);
    });
    let largestWal = 0;
    for (let round = 0; round < 40; round++) {
      batch();
      const { log, checkpointed } = await checkpointer.checkpoint();
      expect(checkpointed).toBe(log);
      largestWal = Math.max(largestWal, walBytes());
    }
    await checkpointer.stop();
    db.$client.close();

    // 8,000 rows of 1 KB were written; the log never held more than a few rounds of them.
    expect(largestWal).toBeLessThan(8_000_000 / 8);
    const reopened = openDatabase(path);
    expect(reopened.$client.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 8000 });
    reopened.$client.close();
  });

  it('makes the log start over while writes never pause, well before the fallback', async () => {
    const db = openDatabase(path);
    db.$client.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    // The fallback out of reach; the log may only start over at a restart after one of the thread's passes.
    const checkpointer = Checkpointer.start(db, path, 1_000_000, 500);
    const insert = db.$client.prepare('INSERT INTO notes (body) VALUES (?)');
    const batch = db.$client.transaction(() => {
      for (let i = 0; i < 10; i++) insert.run(ROW);
    });
    // A commit every millisecond or so for 2.5 s: the thread never finds the whole log copied.
    let rows = 0;
    const until = Date.now() + 2_500;
    while (Date.now() < until) {
      batch();
      rows += 10;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const largestWal = walBytes();
    await checkpointer.stop();
    db.$client.close();

    // The file only grows: its size is the longest the log ever was. Without the restarts it holds all that
    // was written (twice the rows' bytes, with the pages' overhead); with them, a few megabytes.
    expect(rows).toBeGreaterThan(5_000);
    expect(largestWal).toBeLessThan((rows * ROW.length) / 2);
    const reopened = openDatabase(path);
    expect(reopened.$client.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: rows });
    reopened.$client.close();
  });

  it('loses no committed write when the process is killed while the checkpointer runs', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CRASH_WRITER, path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const committed: number[] = [];
    let buffered = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        committed.push(...lines.map(Number));
        // Well past several checkpoints' worth of log (a row is a page or so).
        if (committed.length >= 5000 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      });
      child.once('exit', () => resolve());
    });

    const db = openDatabase(path);
    const ids = new Set(
      db.$client
        .prepare('SELECT id FROM notes')
        .pluck()
        .all()
        .map((id) => Number(id)),
    );
    db.$client.close();
    expect(committed.length).toBeGreaterThanOrEqual(5000);
    expect(committed.filter((id) => !ids.has(id))).toEqual([]);
  });
});
