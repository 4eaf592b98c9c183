/**
 * Run by checkpointer.test.ts as a process of its own: writes rows one commit at a time with the checkpointer
 * running and prints each row's id once its commit returned, until it is killed.
 */
import { Checkpointer } from '../src/checkpointer.ts';
import { openDatabase } from '../src/open.ts';

const path = process.argv[2]!;
const db = openDatabase(path);
db.$client.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
Checkpointer.start(db, path);
const insert = db.$client.prepare('INSERT INTO notes (body) VALUES (?)');
const body = 'x'.repeat(1000);
for (;;) {
  const { lastInsertRowid } = insert.run(body);
  process.stdout.write(`${lastInsertRowid}\n`);
  // Lets the checkpointer's replies and the parent's signal in between writes.
  await new Promise((resolve) => setImmediate(resolve));
}
