import { i18n } from '../i18n/i18n.ts';
import { sayCoded } from './coded.ts';
import { formatDateTime, phoneInText } from './format.ts';
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
    statusReasonCoded: status.reasonCoded,
    phone: status.phone,
    pushName: status.pushName,
    statusChangedAt: changed ? status.since : session.statusChangedAt,
    lastConnectedAt: status.lastConnectedAt ?? session.lastConnectedAt,
    nextRetryAt: status.nextRetryAt,
    limited: status.limited,
    qr:
      status.status !== 'qr' ? null : live.qr ? { qr: live.qr.qr, expiresAt: live.qr.expiresAt } : session.qr,
  };
}

type Limit = Session['limited'];

export const sameLimit = (a: Limit, b: Limit) => a?.reason === b?.reason && a?.until === b?.until;

/** One line of a session's recent history, as the detail page lists it. */
export interface HistoryEntry {
  key: string;
  at: number;
  title: string;
  detail: string | null;
  tone: StatusTone;
}

/** A status event that only changed WhatsApp's reach-out limit. */
export function describeLimit(event: Extract<SessionEvent, { type: 'status' }>): Omit<HistoryEntry, 'key'> {
  const limit = event.limited;
  if (!limit)
    return { at: event.at, title: i18n.t('sessions.history.limitLifted'), detail: null, tone: 'success' };
  return {
    at: event.at,
    title: limit.until
      ? i18n.t('sessions.history.limitedUntil', { until: formatDateTime(limit.until) })
      : i18n.t('sessions.history.limited'),
    detail: limit.reason,
    tone: 'waiting',
  };
}

/** What an event means to an operator. */
export function describeEvent(event: SessionEvent): Omit<HistoryEntry, 'key'> {
  switch (event.type) {
    case 'status': {
      const meta = STATUS_META[event.status];
      const linked =
        event.status === 'connected' && event.phone
          ? i18n.t('sessions.history.linkedTo', { phone: phoneInText(event.phone) })
          : null;
      return {
        at: event.at,
        title: meta.label,
        detail: sayCoded(event.reason, event.reasonCoded) ?? linked,
        tone: meta.tone,
      };
    }
    case 'qr':
      return { at: event.at, title: i18n.t('sessions.history.newQr'), detail: null, tone: 'waiting' };
    case 'pairing_code':
      return { at: event.at, title: i18n.t('sessions.history.pairingCode'), detail: null, tone: 'waiting' };
    case 'deleted':
      return { at: event.at, title: i18n.t('sessions.history.deleted'), detail: null, tone: 'danger' };
    case 'transferred':
      return { at: event.at, title: i18n.t('sessions.history.transferred'), detail: null, tone: 'neutral' };
  }
}
