// Worker threads do not inherit the TypeScript loader the server runs with: register it here, then load the
// dispatcher's thread (dispatcher-worker.ts), named by the thread that started this one.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
