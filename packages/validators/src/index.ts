/**
 * The rules the server enforces and the dashboard checks before asking: one copy for both. Browser-safe
 * (no Node APIs), so the web app bundles it; the database schema takes its enums from here too.
 */

export * from './api-key.ts';
export * from './bytes.ts';
export * from './campaign.ts';
export * from './coded.ts';
export * from './csv.ts';
export * from './error-reason.ts';
export * from './locale.ts';
export * from './media.ts';
export * from './message.ts';
export * from './phone.ts';
export * from './proxy.ts';
export * from './scopes.ts';
export * from './sending-window.ts';
export * from './session.ts';
export * from './stats.ts';
export * from './stop-words.ts';
export * from './tags.ts';
export * from './template.ts';
export * from './user.ts';
export * from './webhook.ts';
