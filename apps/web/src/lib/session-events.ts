import { formatPhone } from '@switchboard/validators';
import type { LiveSession } from './live-state.ts';
import { STATUS_META, type StatusTone } from './session-status.ts';
import type { Session, SessionEvent } from './types.ts';

/**
 * A session row as fetched, brought up to date with what the live event stream has said since. The stream
 * (snapshot first, then every change in order) is the fresher source for status, phone and QR code.
 */
export function mergeLive(session: Session, live: LiveSession | undefined): Session {
  const status = live?.status;
  if (!status) return session;
  const changed = status.status !== session.status;
  return {
    ...session,
    status: status.status,
    statusReason: status.reason,
    phone: status.phone,
    pushName: status.pushName,
    statusChangedAt: changed ? status.since : session.statusChangedAt,
    lastConnectedAt: status.lastConnectedAt ?? session.lastConnectedAt,
    nextRetryAt: status.nextRetryAt,
    qr:
      status.status !== 'qr' ? null : live.qr ? { qr: live.qr.qr, expiresAt: live.qr.expiresAt } : session.qr,
  };
}

/** One line of a session's recent history, as the detail page lists it. */
export interface HistoryEntry {
  key: string;
  at: number;
  title: string;
  detail: string | null;
  tone: StatusTone;
}

/** What an event means to an operator. */
export function describeEvent(event: SessionEvent): Omit<HistoryEntry, 'key'> {
  switch (event.type) {
    case 'status': {
      const meta = STATUS_META[event.status];
      const linked =
        event.status === 'connected' && event.phone ? `Linked to ${formatPhone(event.phone)}` : null;
      return { at: event.at, title: meta.label, detail: event.reason ?? linked, tone: meta.tone };
    }
    case 'qr':
      return { at: event.at, title: 'New QR code', detail: null, tone: 'waiting' };
    case 'pairing_code':
      return { at: event.at, title: 'Pairing code issued', detail: null, tone: 'waiting' };
    case 'deleted':
      return { at: event.at, title: 'Deleted', detail: null, tone: 'danger' };
  }
}
