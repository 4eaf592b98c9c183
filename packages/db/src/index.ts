export * from './open.ts';
export * from './schema.ts';
