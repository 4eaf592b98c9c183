import { describe, expect, it } from 'vitest';
import { emptyLive, reduceLive } from './live-state.ts';
import { mergeLive } from './session-events.ts';
import type { Session, SessionEvent } from './types.ts';

const base = { sessionId: 's1', ownerId: 'u1' };
const status = (
  id: string,
  s: Extract<SessionEvent, { type: 'status' }>['status'],
  at = 1,
  reason: string | null = null,
) =>
  ({
    ...base,
    id,
    at,
    type: 'status',
    status: s,
    reason,
    reasonCoded: null,
    phone: null,
    pushName: null,
    lastConnectedAt: null,
    nextRetryAt: null,
    limited: null,
  }) as const;
const qr = (id: string, code: string) =>
  ({ ...base, id, at: 2, type: 'qr', qr: code, expiresAt: 100 }) as const;

const session: Session = {
  id: 's1',
  name: 'Sales',
  engine: 'sandbox',
  ownerId: 'u1',
  owner: null,
  status: 'qr',
  statusReason: null,
  statusReasonCoded: null,
  phone: null,
  pushName: null,
  autoStart: true,
  proxy: null,
  qr: { qr: 'A', expiresAt: 1 },
  nextRetryAt: null,
  resources: null,
  limited: null,
  createdAt: 0,
  updatedAt: 0,
  statusChangedAt: 0,
  lastConnectedAt: null,
};

describe('reduceLive', () => {
  it('keeps the newest QR code and drops it when the session leaves the QR status', () => {
    let state = reduceLive(emptyLive(), status('1', 'qr'), 0);
    state = reduceLive(state, qr('2', 'A'), 10);
    state = reduceLive(state, qr('3', 'B'), 20);
    expect(state.qr).toEqual({ qr: 'B', expiresAt: 100, receivedAt: 20 });
    state = reduceLive(state, status('4', 'authenticating'), 30);
    expect(state.qr).toBeNull();
  });

  it('remembers that the code on display is the last one, for that code only', () => {
    let state = reduceLive(emptyLive(), status('1', 'qr'), 0);
    state = reduceLive(state, qr('2', 'A'), 10);
    expect(state.qr).not.toHaveProperty('last');
    state = reduceLive(state, { ...qr('3', 'B'), last: true }, 20);
    expect(state.qr).toEqual({ qr: 'B', expiresAt: 100, last: true, receivedAt: 20 });
    expect(mergeLive(session, state).qr).toEqual({ qr: 'B', expiresAt: 100, last: true });
  });

  it('marks a deleted session', () => {
    const state = reduceLive(
      reduceLive(emptyLive(), status('1', 'connected'), 0),
      { ...base, id: '2', at: 5, type: 'deleted' },
      0,
    );
    expect(state.deleted).toBe(true);
    expect(state.status).toBeNull();
  });

  it('changes nothing for a snapshot that repeats the known status', () => {
    let state = reduceLive(emptyLive(), status('1', 'starting'), 0);
    state = reduceLive(state, status('2', 'connected'), 0);
    expect(reduceLive(state, status('2', 'connected'), 0)).toBe(state);
  });

  it('follows WhatsApp’s reach-out limit without a status change', () => {
    const limited = {
      reason: 'WhatsApp limits this account for now (error 463, reach-out limit)',
      until: 9_000,
    };
    let state = reduceLive(emptyLive(), status('1', 'connected', 100), 0);
    state = reduceLive(state, { ...status('2', 'connected', 200), limited }, 0);
    expect(reduceLive(state, { ...status('2', 'connected', 200), limited }, 0)).toBe(state);
    expect(state.status).toMatchObject({ status: 'connected', since: 100, limited });
    state = reduceLive(state, status('3', 'connected', 300), 0);
    expect(mergeLive({ ...session, status: 'connected' }, state).limited).toBeNull();
  });

  it('keeps a pairing code until the session stops waiting for a link', () => {
    let state = reduceLive(emptyLive(), status('1', 'qr'), 0);
    state = reduceLive(state, { ...base, id: '2', at: 3, type: 'pairing_code', code: 'ABCD2345' }, 0);
    expect(state.pairingCode?.code).toBe('ABCD2345');
    state = reduceLive(state, status('3', 'connected'), 0);
    expect(state.pairingCode).toBeNull();
  });
});

describe('mergeLive', () => {
  it('leaves the row alone until the stream has said something', () => {
    expect(mergeLive(session, undefined)).toBe(session);
    expect(mergeLive(session, emptyLive())).toBe(session);
  });

  it('takes status, phone and the newest QR code from the stream', () => {
    let live = reduceLive(emptyLive(), status('1', 'qr', 0), 0);
    live = reduceLive(live, qr('2', 'B'), 5);
    expect(mergeLive(session, live)).toMatchObject({ status: 'qr', qr: { qr: 'B', expiresAt: 100 } });

    live = reduceLive(
      live,
      { ...status('3', 'connected', 500), phone: '4915112345678', pushName: 'Ada', lastConnectedAt: 500 },
      0,
    );
    expect(mergeLive(session, live)).toMatchObject({
      status: 'connected',
      phone: '4915112345678',
      pushName: 'Ada',
      qr: null,
      statusChangedAt: 500,
      lastConnectedAt: 500,
    });
  });

  it('keeps when the status began across reason-only updates', () => {
    let live = reduceLive(emptyLive(), status('1', 'reconnecting', 100, 'retrying in 2 s'), 0);
    live = reduceLive(live, status('2', 'reconnecting', 300, 'retrying in 4 s'), 0);
    expect(live.status?.since).toBe(100);
  });
});
