import { type EngineName, isLive } from '@switchboard/validators';
import { i18n } from '../i18n/i18n.ts';
import type { Session, SessionStatus } from './types.ts';

/** The colour family a status is drawn in; the text always says the same thing for people who cannot see it. */
export type StatusTone = 'neutral' | 'info' | 'waiting' | 'success' | 'danger';

export interface StatusMeta {
  label: string;
  tone: StatusTone;
  /** One sentence on what the status means for the operator. */
  description: string;
  /** Whether the status changes by itself soon (drawn with a pulse). */
  transient: boolean;
}

/** Labels are getters: they read the catalogue of the language shown at the moment they are read. */
export const STATUS_META: Record<SessionStatus, StatusMeta> = {
  stopped: {
    get label() {
      return i18n.t('sessions.status.stopped.label');
    },
    tone: 'neutral',
    get description() {
      return i18n.t('sessions.status.stopped.description');
    },
    transient: false,
  },
  starting: {
    get label() {
      return i18n.t('sessions.status.starting.label');
    },
    tone: 'info',
    get description() {
      return i18n.t('sessions.status.starting.description');
    },
    transient: true,
  },
  qr: {
    get label() {
      return i18n.t('sessions.status.qr.label');
    },
    tone: 'waiting',
    get description() {
      return i18n.t('sessions.status.qr.description');
    },
    transient: true,
  },
  authenticating: {
    get label() {
      return i18n.t('sessions.status.authenticating.label');
    },
    tone: 'info',
    get description() {
      return i18n.t('sessions.status.authenticating.description');
    },
    transient: true,
  },
  connected: {
    get label() {
      return i18n.t('sessions.status.connected.label');
    },
    tone: 'success',
    get description() {
      return i18n.t('sessions.status.connected.description');
    },
    transient: false,
  },
  reconnecting: {
    get label() {
      return i18n.t('sessions.status.reconnecting.label');
    },
    tone: 'waiting',
    get description() {
      return i18n.t('sessions.status.reconnecting.description');
    },
    transient: true,
  },
  logged_out: {
    get label() {
      return i18n.t('sessions.status.logged_out.label');
    },
    tone: 'neutral',
    get description() {
      return i18n.t('sessions.status.logged_out.description');
    },
    transient: false,
  },
  failed: {
    get label() {
      return i18n.t('sessions.status.failed.label');
    },
    tone: 'danger',
    get description() {
      return i18n.t('sessions.status.failed.description');
    },
    transient: false,
  },
};

export type SessionAction = 'start' | 'stop' | 'restart' | 'logout' | 'delete' | 'link';

/**
 * The actions that make sense for a session right now:
 * - start when nothing runs; stop and restart while something does (stop also ends a failure's retries);
 * - log out (unlink the phone) only when a phone is linked or its stored link could still be used;
 * - "link" (show the QR) while a QR code is on display; delete always.
 */
export function allowedActions(
  session: Pick<Session, 'status' | 'phone' | 'nextRetryAt'>,
): Set<SessionAction> {
  const { status } = session;
  const actions = new Set<SessionAction>(['delete']);
  if (isLive(status)) {
    actions.add('stop');
    actions.add('restart');
  } else {
    actions.add('start');
  }
  // A failure that is being retried is still running in a sense: stopping it ends the retries.
  if (status === 'failed' && session.nextRetryAt !== null) actions.add('stop');
  const linked =
    status === 'connected' ||
    status === 'reconnecting' ||
    status === 'authenticating' ||
    ((status === 'stopped' || status === 'failed' || status === 'starting') && session.phone !== null);
  if (linked) actions.add('logout');
  if (status === 'qr') actions.add('link');
  return actions;
}

/** Statuses an operator should act on: a failure, an unlinked phone, or a QR code waiting to be scanned. */
export const NEEDS_ATTENTION: readonly SessionStatus[] = ['failed', 'logged_out', 'qr'];

export interface SessionCounters {
  total: number;
  connected: number;
  needsAttention: number;
}

export function countSessions(sessions: readonly Pick<Session, 'status'>[]): SessionCounters {
  let connected = 0;
  let needsAttention = 0;
  for (const s of sessions) {
    if (s.status === 'connected') connected += 1;
    if (NEEDS_ATTENTION.includes(s.status)) needsAttention += 1;
  }
  return { total: sessions.length, connected, needsAttention };
}

/** Engines the dashboard knows how to offer, with the label operators see. */
export const KNOWN_ENGINES = [
  {
    name: 'webjs',
    get label() {
      return i18n.t('sessions.engines.webjs.label');
    },
    get description() {
      return i18n.t('sessions.engines.webjs.description');
    },
  },
  {
    name: 'sandbox',
    get label() {
      return i18n.t('sessions.engines.sandbox.label');
    },
    get description() {
      return i18n.t('sessions.engines.sandbox.description');
    },
  },
] as const satisfies readonly { name: EngineName; label: string; description: string }[];

export function engineLabel(name: string): string {
  return KNOWN_ENGINES.find((e) => e.name === name)?.label ?? name;
}
