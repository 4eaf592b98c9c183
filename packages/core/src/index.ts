export * from './access.ts';
export * from './auth/index.ts';
export * from './backoff.ts';
export type { AudienceSource, ImportReport } from './campaigns/audience.ts';
export { DEFAULT_LIMIT_MS } from './campaigns/limits.ts';
export type {
  ImportProblem,
  OptOutSettingsView,
  SuppressionReport,
  SuppressionView,
} from './campaigns/opt-out.ts';
export type { AccountUse } from './campaigns/pacing.ts';
export type { CampaignDraft, CampaignPreview } from './campaigns/service.ts';
export type { Blocker, RecipientCounts } from './campaigns/store.ts';
export type { CampaignAccountView, CampaignView, RecipientView } from './campaigns/views.ts';
export * from './clock.ts';
export * from './coded-schema.ts';
export * from './database-errors.ts';
export * from './database-health.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './ids.ts';
export * from './inbox/service.ts';
export * from './lifecycle.ts';
export * from './logger.ts';
export { largestLimit, type MediaLimits } from './media/rules.ts';
export * from './media/service.ts';
export * from './message-view.ts';
export * from './messages/idempotency.ts';
export * from './messages/sender.ts';
export * from './messages/service.ts';
export * from './outbound/url-policy.ts';
export * from './outbox/outbox.ts';
export * from './outbox/webhook-events.ts';
export * from './paging.ts';
export * from './phone.ts';
export * from './pools/service.ts';
export * from './services.ts';
export type { EngineTraffic } from './sessions/engine-runner.ts';
export * from './sessions/manager.ts';
export * from './sessions/number-checks.ts';
export * from './sessions/status-machine.ts';
export * from './sessions/views.ts';
export * from './stats/service.ts';
export * from './timeout.ts';
export * from './views.ts';
export * from './webhooks/delivery-views.ts';
export * from './webhooks/dispatcher.ts';
export * from './webhooks/endpoint-watch.ts';
export type { FailingWebhookView } from './webhooks/health.ts';
export * from './webhooks/service.ts';
export * from './webhooks/signing.ts';
export * from './webhooks/target-policy.ts';
export * from './webhooks/test-events.ts';
export * from './write-retry.ts';
