import { isLive, LIVE_STATUSES, SESSION_STATUSES, type SessionStatus } from '@switchboard/validators';
import { describe, expect, it } from 'vitest';
import { canTransition } from './status-machine.ts';

const allowed: Array<[SessionStatus, SessionStatus]> = [
  ['stopped', 'starting'],
  ['stopped', 'logged_out'],
  ['starting', 'qr'],
  ['starting', 'authenticating'],
  ['starting', 'connected'],
  ['starting', 'failed'],
  ['starting', 'stopped'],
  ['qr', 'authenticating'],
  ['qr', 'failed'],
  ['qr', 'logged_out'],
  ['authenticating', 'connected'],
  ['authenticating', 'failed'],
  ['connected', 'reconnecting'],
  ['connected', 'logged_out'],
  ['connected', 'failed'],
  ['connected', 'stopped'],
  ['reconnecting', 'connected'],
  ['reconnecting', 'qr'],
  ['reconnecting', 'authenticating'],
  ['reconnecting', 'logged_out'],
  ['reconnecting', 'failed'],
  ['logged_out', 'starting'],
  ['failed', 'starting'],
  ['failed', 'logged_out'],
];

const forbidden: Array<[SessionStatus, SessionStatus]> = [
  ['stopped', 'connected'],
  ['stopped', 'qr'],
  ['stopped', 'reconnecting'],
  ['stopped', 'failed'],
  ['starting', 'starting'],
  ['qr', 'starting'],
  ['authenticating', 'qr'],
  ['connected', 'starting'],
  ['connected', 'qr'],
  ['connected', 'authenticating'],
  ['reconnecting', 'starting'],
  ['logged_out', 'connected'],
  ['logged_out', 'qr'],
  ['logged_out', 'reconnecting'],
  ['logged_out', 'failed'],
  ['failed', 'connected'],
  ['failed', 'reconnecting'],
  ['failed', 'qr'],
];

describe('session status machine', () => {
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(forbidden)('forbids %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('reaches every status from stopped', () => {
    const seen = new Set<SessionStatus>(['stopped']);
    const todo: SessionStatus[] = ['stopped'];
    while (todo.length > 0) {
      const from = todo.pop()!;
      for (const to of SESSION_STATUSES) {
        if (!seen.has(to) && canTransition(from, to)) {
          seen.add(to);
          todo.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...SESSION_STATUSES].sort());
  });

  it('lets every status be stopped, and every stopped session be started again', () => {
    for (const from of SESSION_STATUSES) {
      if (from !== 'stopped') expect(canTransition(from, 'stopped'), from).toBe(true);
    }
    // Whatever happened, a session can always get back to running: stop, then start.
    for (const from of SESSION_STATUSES) {
      const restartable = canTransition(from, 'starting') || canTransition(from, 'stopped');
      expect(restartable, from).toBe(true);
    }
  });

  it('lets every live status fail, be logged out and (except connected/reconnecting) connect', () => {
    for (const live of LIVE_STATUSES) {
      expect(canTransition(live, 'failed'), live).toBe(true);
      expect(canTransition(live, 'logged_out'), live).toBe(true);
    }
    for (const from of ['starting', 'qr', 'authenticating', 'reconnecting'] as const) {
      expect(canTransition(from, 'connected'), from).toBe(true);
    }
  });

  it('never transitions a status into itself (same-status writes are not transitions)', () => {
    for (const status of SESSION_STATUSES) expect(canTransition(status, status), status).toBe(false);
  });

  it('knows which statuses have a running engine', () => {
    expect(SESSION_STATUSES.filter(isLive)).toEqual([
      'starting',
      'qr',
      'authenticating',
      'connected',
      'reconnecting',
    ]);
    for (const dead of ['stopped', 'logged_out', 'failed'] as const) expect(isLive(dead)).toBe(false);
  });
});
