export * from './campaigns.ts';
export * from './common.ts';
export * from './inbox.ts';
export * from './media.ts';
export * from './messages.ts';
export * from './sessions.ts';
export * from './users.ts';
export * from './webhooks.ts';
