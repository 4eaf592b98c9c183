// The checkpointer's thread (see checkpointer.ts): plain JavaScript, so it starts without a TypeScript loader.
// It copies the write-ahead log back into the database file from a connection of its own, so the copy and
// its fsyncs never run on the thread that serves requests.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = NORMAL');

/**
 * PASSIVE never waits for a lock and never blocks a writer: it copies what no reader still needs and leaves
 * the rest for the next round. Once all of the log is copied, the next write starts the log over.
 */
const checkpoint = () => {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  return { log: result.log, checkpointed: result.checkpointed };
};

const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'checkpoint') parentPort.postMessage(checkpoint());
  else if (message === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
