import type { Db } from '@switchboard/db';
import type { EngineRegistry } from '@switchboard/engines/contract';
import { AuthService } from './auth/auth-service.ts';
import { LoginSessionService } from './auth/login-sessions.ts';
import { UserService } from './auth/users.ts';
import { EventBus } from './events.ts';
import type { Logger } from './logger.ts';
import { MessageService, type MessageServiceConfig } from './messages/service.ts';
import { SessionManager, type SessionManagerConfig } from './sessions/manager.ts';

export interface CoreConfig extends SessionManagerConfig, MessageServiceConfig {
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
  const sessions = new SessionManager(db, engines, bus, config, log);
  const messages = new MessageService(db, sessions, bus, config, log);
  return { bus, users, logins, auth, sessions, messages };
}
