// Loads the dispatcher's thread (dispatcher-worker.ts), as the thread that started this one says: from its
// bundle when that is up to date (plain JavaScript, no loader needed), else from the TypeScript sources
// through tsx (worker threads do not inherit the loader the server runs with).
import { workerData } from 'node:worker_threads';

if (workerData.bundle) {
  await import(workerData.bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(workerData.entry);
}
