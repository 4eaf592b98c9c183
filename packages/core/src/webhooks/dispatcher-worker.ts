/**
 * The webhook dispatcher's thread (see dispatcher-thread.ts): runs the delivery loops on a read-only
 * connection of its own and asks the server's thread to write each run's answers down.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabaseReader } from '@switchboard/db';
import { EventBus } from '../events.ts';
import type { Logger } from '../logger.ts';
import { WebhookEndpoints } from '../outbox/endpoints.ts';
import { DeliveryLoops } from './delivery-loops.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './dispatcher-thread.ts';

const port = parentPort!;
const { dbPath, config } = workerData as WorkerSetup;
const post = (message: FromWorker) => port.postMessage(message);

const db = openDatabaseReader(dbPath);
// Read from this thread's connection; forgotten when the server's thread says the endpoints changed.
const endpoints = new WebhookEndpoints(db, new EventBus());

const entry =
  (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) =>
    post({ type: 'log', level, message, ...(fields ? { fields } : {}) });
const log: Logger = {
  debug: entry('debug'),
  info: entry('info'),
  warn: entry('warn'),
  error: entry('error'),
};

/** Answers not yet written down, by the number they were sent with. */
const waiting = new Map<number, (ok: boolean) => void>();
let sent = 0;

const loops = new DeliveryLoops({
  db,
  endpoints,
  config,
  log,
  record: (webhookId, outcomes) =>
    new Promise((resolve) => {
      const id = ++sent;
      waiting.set(id, resolve);
      post({ type: 'record', id, webhookId, outcomes });
    }),
});

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'wake':
      loops.wake(message.webhookIds);
      break;
    case 'forget':
      endpoints.forget();
      break;
    case 'recorded':
      waiting.get(message.id)?.(message.ok);
      waiting.delete(message.id);
      break;
    case 'stop':
      void loops.stop().then(() => {
        db.$client.close();
        post({ type: 'stopped' });
      });
      break;
  }
});
