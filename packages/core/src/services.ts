import type { Db } from '@switchboard/db';
import type { EngineRegistry } from '@switchboard/engines/contract';
import { coded, withParams } from '@switchboard/validators';
import { Access } from './access.ts';
import { ApiKeyService } from './auth/api-keys.ts';
import { AuthService } from './auth/auth-service.ts';
import type { AuthChange } from './auth/identity.ts';
import { LoginSessionService } from './auth/login-sessions.ts';
import { UserService } from './auth/users.ts';
import { AudienceImporter } from './campaigns/audience.ts';
import { CampaignAccess } from './campaigns/campaign-access.ts';
import { ReachOutLimits } from './campaigns/limits.ts';
import { OptOutService } from './campaigns/opt-out.ts';
import { PacingGate } from './campaigns/pacing.ts';
import { CampaignQueries } from './campaigns/queries.ts';
import { CampaignReceipts } from './campaigns/receipts.ts';
import { CampaignRunner } from './campaigns/runner.ts';
import { CampaignService } from './campaigns/service.ts';
import { CampaignStore } from './campaigns/store.ts';
import { CampaignViews } from './campaigns/views.ts';
import { type Clock, type Random, systemClock } from './clock.ts';
import { DatabaseHealth } from './database-health.ts';
import { EventBus } from './events.ts';
import { messageIndexing } from './inbox/message-search.ts';
import { InboxService } from './inbox/service.ts';
import { ContactTags } from './inbox/tags.ts';
import { Lifecycle, periodic } from './lifecycle.ts';
import type { Logger } from './logger.ts';
import { type MediaConfig, MediaService } from './media/service.ts';
import { MessageService, type MessageServiceConfig } from './messages/service.ts';
import { WebhookOutbox } from './outbox/outbox.ts';
import { PoolService } from './pools/service.ts';
import { SessionManager, type SessionManagerConfig } from './sessions/manager.ts';
import { StatsService } from './stats/service.ts';
import { type WebhookDispatchConfig, WebhookDispatcher } from './webhooks/dispatcher.ts';
import { WebhookService } from './webhooks/service.ts';
import { WriteRetry } from './write-retry.ts';

export interface CoreConfig extends SessionManagerConfig, MessageServiceConfig {
  webhooks: WebhookDispatchConfig;
  media: MediaConfig;
  loginTtlMs: number;
  loginWindowMs: number;
  loginMaxAttemptsPerIp: number;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresAcrossIps: number;
  /** Requests one API key may make per minute. */
  apiKeyRequestsPerMinute: number;
  /** How often to sample engines' resource usage (browser memory); 0 turns sampling off. Default 30 s. */
  resourceSampleMs?: number;
  /** Most recipients one campaign may have. */
  campaignMaxRecipients: number;
}

export interface Services {
  bus: EventBus;
  access: Access;
  users: UserService;
  logins: LoginSessionService;
  auth: AuthService;
  apiKeys: ApiKeyService;
  sessions: SessionManager;
  messages: MessageService;
  inbox: InboxService;
  contactTags: ContactTags;
  pools: PoolService;
  campaigns: CampaignService;
  campaignQueries: CampaignQueries;
  optOuts: OptOutService;
  /** Sends running campaigns (a background service in the lifecycle). */
  campaignRunner: CampaignRunner;
  media: MediaService;
  webhooks: WebhookService;
  /** The overview's figures. */
  stats: StatsService;
  /** Sends the webhook outbox. */
  webhookDispatcher: WebhookDispatcher;
  /** Everything that runs in the background; the server starts it once it listens and stops it on shutdown. */
  lifecycle: Lifecycle;
  /** Whether the database can be written (for /health). */
  database: DatabaseHealth;
}

const HOUR_MS = 60 * 60 * 1000;

/** Wires the domain services together. The server is the only caller besides tests. */
export function createServices(deps: {
  db: Db;
  engines: EngineRegistry;
  config: CoreConfig;
  log: Logger;
  /** The time campaigns pace by; tests pass a clock they move themselves. */
  clock?: Clock;
  /** Randomness for gaps and wordings; tests pass a seeded one. */
  random?: Random;
}): Services {
  const { db, engines, config, log } = deps;
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const bus = new EventBus({ onListenerError: (error) => log.error('event listener threw', { error }) });
  const access = new Access(db);
  const outbox = new WebhookOutbox(db, bus);
  // Changes to users and sign-ins travel over the bus, so every cache of who may do what hears of them.
  const onChange = (change: AuthChange) => bus.publishAuth(change);
  const users = new UserService(db, { onChange });
  const logins = new LoginSessionService(db, { ttlMs: config.loginTtlMs, onChange });
  const apiKeys = new ApiKeyService(db, access, {
    requestsPerMinute: config.apiKeyRequestsPerMinute,
    onChange,
  });
  const auth = new AuthService(users, logins, apiKeys, {
    maxAttemptsPerIp: config.loginMaxAttemptsPerIp,
    maxFailuresPerAccount: config.loginMaxFailuresPerAccount,
    maxFailuresAcrossIps: config.loginMaxFailuresAcrossIps,
    windowMs: config.loginWindowMs,
  });
  bus.onAuthChange((change) => auth.changed(change));
  const webhookDispatcher = new WebhookDispatcher(db, outbox, config.webhooks, log, bus);
  const sessions = new SessionManager({ db, engines, bus, outbox, access, config, log });
  const inbox = new InboxService(db, access, bus);
  const contactTags = new ContactTags(db, access, (id) => inbox.publish(id));
  const limits = new ReachOutLimits(clock);
  const pools = new PoolService(db, access, limits);
  // What engines report is stored even when the database briefly refuses writes: retried, not dropped.
  const writes = new WriteRetry(log);
  const media = new MediaService({ db, access, bus, config: config.media, log });
  const messages = new MessageService({
    db,
    sessions,
    access,
    bus,
    inbox,
    media,
    outbox,
    writes,
    pools,
    limits,
    config,
    log,
  });
  const store = new CampaignStore({ db, bus, outbox, clock });
  const optOuts = new OptOutService({ db, access, messages, store, log });
  const gate = new PacingGate({ db, clock, random, limits });
  const campaignRunner = new CampaignRunner({
    db,
    clock,
    random,
    store,
    gate,
    optOut: optOuts,
    messages,
    media,
    sessions,
    pools,
    lookupTimeoutMs: config.sendTimeoutMs,
    log,
  });
  const views = new CampaignViews({
    db,
    clock,
    store,
    gate,
    media,
    nextSendAt: (c) => campaignRunner.nextSendAt(c),
  });
  const campaignAccess = new CampaignAccess(db, access, pools);
  const campaigns = new CampaignService({
    db,
    clock,
    access,
    campaignAccess,
    pools,
    messages,
    media,
    store,
    views,
    audience: new AudienceImporter({ db, optOut: optOuts, maxRecipients: config.campaignMaxRecipients }),
    runner: campaignRunner,
    maxTextLength: config.maxTextLength,
  });
  const campaignQueries = new CampaignQueries({ db, campaignAccess, views });
  const receipts = new CampaignReceipts({ db, clock, store, optOut: optOuts });
  bus.on('message', (event) => receipts.onMessage(event.message));
  // Told as each campaign is created, before any of its messages can exist.
  bus.on('campaign', () => receipts.campaignCreated());
  // A failed send belongs on its session's timeline: it is often the first sign something is wrong.
  bus.on('message', ({ message, ownerId }) => {
    if (message.direction === 'out' && message.status === 'failed')
      sessions.history.record({ id: message.accountId, ownerId }, 'send_failed', {
        detail: {
          text: `To ${message.peer}: ${message.error ?? 'failed'}`,
          // The message's own code, with whom it was for.
          coded: withParams(message.errorCoded ?? coded('message.reported_failed'), { to: message.peer }),
        },
      });
  });
  bus.on('session', (event) => {
    if (event.type === 'status' && event.status === 'connected' && event.phone)
      gate.linked(event.sessionId, event.phone);
    if (event.type === 'status' || event.type === 'deleted') campaignRunner.wake();
  });
  const webhooks = new WebhookService(db, access, webhookDispatcher, config.webhooks, bus);
  const database = new DatabaseHealth(db, writes);
  const stats = new StatsService(db, access, webhooks);

  // Started in this order and stopped in reverse: sampling ends, sessions stop (their last status changes
  // still reach the outbox), the sends they leave behind settle, then the dispatcher stops. Media storage is
  // tidied before anything can write to it.
  const lifecycle = new Lifecycle(log)
    .add(periodic('expired sign-in purge', HOUR_MS, () => logins.purgeExpired(), log, { immediately: true }))
    .add({ name: 'media storage', start: () => media.retention.sweep(), stop: () => media.retention.stop() })
    .add(periodic('media retention', HOUR_MS, () => media.retention.cleanup(), log, { immediately: true }))
    .add(periodic('idempotency key purge', HOUR_MS, () => messages.idempotency.purge(), log))
    .add(periodic('session history trim', HOUR_MS, () => sessions.history.trim(), log, { immediately: true }))
    .add(messageIndexing(db, log))
    .add(webhookDispatcher)
    .add({
      name: 'message sending',
      start: () => {
        const interrupted = messages.failInterrupted();
        if (interrupted > 0)
          log.warn('marked messages interrupted by the last shutdown as failed', { count: interrupted });
      },
      stop: () => messages.drain(),
    });
  lifecycle.add({ name: 'sessions', start: () => sessions.restore(), stop: () => sessions.shutdown() });
  // After the sessions: it stops first, waiting for the campaign messages in flight while engines still run.
  lifecycle.add(campaignRunner);
  const sampleEvery = config.resourceSampleMs ?? 30_000;
  if (sampleEvery > 0)
    lifecycle.add(periodic('engine resource sampling', sampleEvery, () => sessions.sampleResources(), log));

  return {
    bus,
    access,
    users,
    logins,
    auth,
    apiKeys,
    sessions,
    messages,
    inbox,
    contactTags,
    pools,
    campaigns,
    campaignQueries,
    optOuts,
    campaignRunner,
    media,
    webhooks,
    stats,
    webhookDispatcher,
    lifecycle,
    database,
  };
}
