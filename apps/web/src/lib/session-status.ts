import { type EngineName, isLive } from '@switchboard/validators';
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

export const STATUS_META: Record<SessionStatus, StatusMeta> = {
  stopped: {
    label: 'Stopped',
    tone: 'neutral',
    description: 'Not running. Start it to connect to WhatsApp.',
    transient: false,
  },
  starting: {
    label: 'Starting',
    tone: 'info',
    description: 'The engine is starting up.',
    transient: true,
  },
  qr: {
    label: 'Waiting for scan',
    tone: 'waiting',
    description: 'Showing a QR code: scan it with WhatsApp on the phone.',
    transient: true,
  },
  authenticating: {
    label: 'Authenticating',
    tone: 'info',
    description: 'The phone accepted the link; WhatsApp is finishing the connection.',
    transient: true,
  },
  connected: {
    label: 'Connected',
    tone: 'success',
    description: 'Linked and online: it can send and receive messages.',
    transient: false,
  },
  reconnecting: {
    label: 'Reconnecting',
    tone: 'waiting',
    description: 'The connection dropped; it is reconnecting by itself.',
    transient: true,
  },
  logged_out: {
    label: 'Logged out',
    tone: 'neutral',
    description: 'Not linked to a phone any more. Start it and scan a new QR code.',
    transient: false,
  },
  failed: {
    label: 'Failed',
    tone: 'danger',
    description: 'It hit an error; the reason says what happened and whether it will retry.',
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
  { name: 'webjs', label: 'WhatsApp Web', description: 'A real WhatsApp account, through WhatsApp Web.' },
  {
    name: 'sandbox',
    label: 'Sandbox',
    description: 'A simulated WhatsApp network for trying things out safely.',
  },
] as const satisfies readonly { name: EngineName; label: string; description: string }[];

export function engineLabel(name: string): string {
  return KNOWN_ENGINES.find((e) => e.name === name)?.label ?? name;
}
