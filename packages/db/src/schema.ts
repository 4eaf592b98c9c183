/**
 * The database's tables, one file per area under `schema/`. drizzle-kit reads them through this module
 * (`drizzle.config.ts`), and the rest of the code imports them from here.
 */
export * from './schema/accounts.ts';
export * from './schema/auth.ts';
export * from './schema/campaigns.ts';
export * from './schema/messages.ts';
export * from './schema/webhooks.ts';
