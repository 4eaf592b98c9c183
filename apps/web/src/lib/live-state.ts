import type { Coded } from '@switchboard/validators';
import { describeEvent, describeLimit, type HistoryEntry, sameLimit } from './session-events.ts';
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

/** What the live event stream has told about one session: status, QR and pairing code, recent history. */
export interface LiveSession {
  status: LiveStatus | null;
  qr: { qr: string; expiresAt: number; receivedAt: number } | null;
  pairingCode: { code: string; at: number } | null;
  deleted: boolean;
  /** Newest first, capped. */
  history: HistoryEntry[];
}

export const HISTORY_LIMIT = 100;

export const emptyLive = (): LiveSession => ({
  status: null,
  qr: null,
  pairingCode: null,
  deleted: false,
  history: [],
});

/**
 * Folds one event into a session's live state. Every (re)subscription starts with a snapshot that repeats
 * the current status; repeating what is already known adds no history line.
 */
export function reduceLive(state: LiveSession, event: SessionEvent, receivedAt: number): LiveSession {
  switch (event.type) {
    case 'status': {
      const previous = state.status;
      const sameStatus = previous?.status === event.status;
      // The reach-out limit starts and ends without a status change: a line of its own.
      const limitChanged = sameStatus && !sameLimit(previous.limited, event.limited);
      const repeat =
        sameStatus && previous.reason === event.reason && previous.phone === event.phone && !limitChanged;
      const waiting = event.status === 'qr';
      // Nothing new (a resubscription's snapshot): the same object, so nothing re-renders.
      const unchanged =
        repeat &&
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
        history: repeat
          ? state.history
          : addEntry(state.history, event, limitChanged ? describeLimit(event) : undefined),
      };
    }
    case 'qr':
      if (state.qr?.qr === event.qr) return state;
      return {
        ...state,
        qr: { qr: event.qr, expiresAt: event.expiresAt, receivedAt },
        history: addEntry(state.history, event),
      };
    case 'pairing_code':
      return {
        ...state,
        pairingCode: { code: event.code, at: event.at },
        history: addEntry(state.history, event),
      };
    case 'deleted':
      return { ...emptyLive(), deleted: true, history: addEntry(state.history, event) };
    case 'transferred':
      return { ...state, history: addEntry(state.history, event) };
  }
}

function addEntry(
  history: HistoryEntry[],
  event: SessionEvent,
  described: Omit<HistoryEntry, 'key'> = describeEvent(event),
): HistoryEntry[] {
  const entry: HistoryEntry = {
    key: `${event.id}:${event.type}:${event.at}:${history.length}`,
    ...described,
  };
  return [entry, ...history].slice(0, HISTORY_LIMIT);
}
