import type { Coded } from '@switchboard/validators';
import { sameLimit } from './session-events.ts';
import type { Session, SessionEvent, SessionStatus } from './types.ts';

export interface LiveStatus {
  status: SessionStatus;
  reason: string | null;
  reasonCoded: Coded | null;
  phone: string | null;
  pushName: string | null;
  lastConnectedAt: number | null;
  /** When the next reconnect or retry is due, while one is scheduled. */
  nextRetryAt: number | null;
  /** WhatsApp's reach-out limit on the account, while it holds. */
  limited: Session['limited'];
  /** When the session entered this status (as far as the stream tells). */
  since: number;
}

/** The QR code on display as the stream told it (`last`: linking stops when it expires), and when it came. */
export type LiveQr = NonNullable<Session['qr']> & { receivedAt: number };

/**
 * What the live event stream has told about one session: status, QR and pairing code. Its history is the
 * server's (`sessions.history`), which outlives the page.
 */
export interface LiveSession {
  status: LiveStatus | null;
  qr: LiveQr | null;
  pairingCode: { code: string; at: number } | null;
  deleted: boolean;
}

export const emptyLive = (): LiveSession => ({
  status: null,
  qr: null,
  pairingCode: null,
  deleted: false,
});

/**
 * Folds one event into a session's live state. Every (re)subscription starts with a snapshot that repeats
 * the current status; repeating what is already known changes nothing.
 */
export function reduceLive(state: LiveSession, event: SessionEvent, receivedAt: number): LiveSession {
  switch (event.type) {
    case 'status': {
      const previous = state.status;
      const sameStatus = previous?.status === event.status;
      const waiting = event.status === 'qr';
      // Nothing new (a resubscription's snapshot): the same object, so nothing re-renders. The reach-out
      // limit starts and ends without a status change.
      const unchanged =
        sameStatus &&
        previous.reason === event.reason &&
        previous.phone === event.phone &&
        sameLimit(previous.limited, event.limited) &&
        !state.deleted &&
        previous.pushName === event.pushName &&
        previous.lastConnectedAt === event.lastConnectedAt &&
        previous.nextRetryAt === event.nextRetryAt &&
        (waiting || (state.qr === null && state.pairingCode === null));
      if (unchanged) return state;
      return {
        ...state,
        deleted: false,
        status: {
          status: event.status,
          reason: event.reason,
          reasonCoded: event.reasonCoded,
          phone: event.phone,
          pushName: event.pushName,
          lastConnectedAt: event.lastConnectedAt,
          nextRetryAt: event.nextRetryAt,
          limited: event.limited,
          since: sameStatus ? previous.since : event.at,
        },
        qr: waiting ? state.qr : null,
        pairingCode: waiting ? state.pairingCode : null,
      };
    }
    case 'qr':
      if (state.qr?.qr === event.qr) return state;
      return {
        ...state,
        qr: { qr: event.qr, expiresAt: event.expiresAt, ...(event.last ? { last: true } : {}), receivedAt },
      };
    case 'pairing_code':
      return { ...state, pairingCode: { code: event.code, at: event.at } };
    case 'deleted':
      return { ...emptyLive(), deleted: true };
    case 'transferred':
      return state;
  }
}
