import type { Db } from '@switchboard/db';
import type { EngineRegistry } from '@switchboard/engines/contract';
import { AuthService } from './auth/auth-service.ts';
import { LoginSessionService } from './auth/login-sessions.ts';
import { UserService } from './auth/users.ts';
import { EventBus } from './events.ts';
import { InboxService } from './inbox/service.ts';
import type { Logger } from './logger.ts';
import { MessageService, type MessageServiceConfig } from './messages/service.ts';
import { SessionManager, type SessionManagerConfig } from './sessions/manager.ts';
import { type WebhookDispatchConfig, WebhookDispatcher } from './webhooks/dispatcher.ts';
import { WebhookOutbox } from './webhooks/outbox.ts';
import { WebhookService } from './webhooks/service.ts';

export interface CoreConfig extends SessionManagerConfig, MessageServiceConfig {
  webhooks: WebhookDispatchConfig;
  loginTtlMs: number;
  loginWindowMs: number;
  loginMaxAttemptsPerIp: number;
  loginMaxFailuresPerAccount: number;
}

export interface Services {
  bus: EventBus;
  users: UserService;
  logins: LoginSessionService;
  auth: AuthService;
  sessions: SessionManager;
  messages: MessageService;
  inbox: InboxService;
  webhooks: WebhookService;
  /** Sends the webhook outbox; the server starts it once the database is ready and stops it on shutdown. */
  webhookDispatcher: WebhookDispatcher;
}

/** Wires the domain services together. The server is the only caller besides tests. */
export function createServices(deps: {
  db: Db;
  engines: EngineRegistry;
  config: CoreConfig;
  log: Logger;
}): Services {
  const { db, engines, config, log } = deps;
  const bus = new EventBus({ onListenerError: (error) => log.error('event listener threw', { error }) });
  const users = new UserService(db);
  const logins = new LoginSessionService(db, { ttlMs: config.loginTtlMs });
  const auth = new AuthService(users, logins, {
    maxAttemptsPerIp: config.loginMaxAttemptsPerIp,
    maxFailuresPerAccount: config.loginMaxFailuresPerAccount,
    windowMs: config.loginWindowMs,
  });
  const outbox = new WebhookOutbox(db);
  const webhookDispatcher = new WebhookDispatcher(db, outbox, config.webhooks, log);
  const sessions = new SessionManager(db, engines, bus, config, log, outbox);
  const inbox = new InboxService(db, sessions, bus);
  const messages = new MessageService(db, sessions, bus, config, log, { inbox, outbox });
  const webhooks = new WebhookService(db, sessions, webhookDispatcher, config.webhooks);
  return { bus, users, logins, auth, sessions, messages, inbox, webhooks, webhookDispatcher };
}
