export * from './checkpointer.ts';
export * from './file-lock.ts';
export * from './message-search-queue.ts';
export * from './open.ts';
export * from './schema.ts';
