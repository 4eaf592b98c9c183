import { i18n } from '../i18n/i18n.ts';
import { sayCoded } from './coded.ts';
import type { LiveQr, LiveSession } from './live-state.ts';
import { STATUS_META, type StatusTone } from './session-status.ts';
import type { HistoryEntry, Session } from './types.ts';

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
    qr: status.status !== 'qr' ? null : live.qr ? shownQr(live.qr) : session.qr,
  };
}

/** The code itself, without when the stream delivered it. */
const shownQr = ({ receivedAt: _, ...qr }: LiveQr): Session['qr'] => qr;

type Limit = Session['limited'];

export const sameLimit = (a: Limit, b: Limit) => a?.reason === b?.reason && a?.until === b?.until;

/** One entry of a session's history, as the timeline and the event monitor show it. */
export interface DescribedEntry {
  title: string;
  /** What the server recorded with it: a status's reason, a failed send's recipient and error. */
  detail: string | null;
  tone: StatusTone;
}

/** What a history entry means to an operator. */
export function describeHistory(
  entry: Pick<HistoryEntry, 'type' | 'status' | 'detail' | 'detailCoded'>,
): DescribedEntry {
  const detail = sayCoded(entry.detail, entry.detailCoded);
  switch (entry.type) {
    case 'status': {
      const meta = entry.status ? STATUS_META[entry.status] : null;
      return {
        title: meta?.label ?? i18n.t('sessions.history.statusChanged'),
        detail,
        tone: meta?.tone ?? 'neutral',
      };
    }
    case 'qr':
      return { title: i18n.t('sessions.history.newQr'), detail, tone: 'waiting' };
    case 'pairing_code':
      return { title: i18n.t('sessions.history.pairingCode'), detail, tone: 'waiting' };
    case 'limited':
      return { title: i18n.t('sessions.history.limited'), detail, tone: 'waiting' };
    case 'limit_lifted':
      return { title: i18n.t('sessions.history.limitLifted'), detail, tone: 'success' };
    case 'send_failed':
      return { title: i18n.t('sessions.history.sendFailed'), detail, tone: 'danger' };
    case 'transferred':
      return { title: i18n.t('sessions.history.transferred'), detail, tone: 'neutral' };
  }
}
