// The checkpointer's thread (see checkpointer.ts): plain JavaScript, so it starts without a TypeScript loader.
// It copies the write-ahead log back into the database file from a connection of its own, so the copy and
// its fsyncs never run on the thread that serves requests.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = NORMAL');

/** Passes in a row while writes keep adding to the log (each copies only what came during the last one). */
const PASSES = 4;

/**
 * PASSIVE never waits for a lock and never blocks a writer: it copies what no reader still needs and leaves
 * the rest for later. The log starts over at the next write only once all of it is copied, so under steady
 * writes a pass that ended behind (frames committed meanwhile) is followed at once by a shorter one.
 */
const checkpoint = () => {
  let result;
  for (let pass = 0; pass < PASSES; pass++) {
    [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result.checkpointed === result.log) break;
  }
  return { log: result.log, checkpointed: result.checkpointed };
};

// Each timed pass is reported, so the serving connection can start the log over while little is left to copy.
const timer = setInterval(() => parentPort.postMessage({ pass: checkpoint() }), workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'checkpoint') parentPort.postMessage({ asked: checkpoint() });
  else if (message === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
