import { describe, expect, it } from 'vitest';
import { allowedActions, countSessions, engineLabel, STATUS_META } from './session-status.ts';
import type { SessionStatus } from './types.ts';

/** Every status the server can report (the metadata has to cover each one). */
const SESSION_STATUSES = Object.keys(STATUS_META) as SessionStatus[];

const actions = (status: SessionStatus, phone: string | null = null, nextRetryAt: number | null = null) =>
  [...allowedActions({ status, phone, nextRetryAt })].sort();

describe('allowedActions', () => {
  it('lets a failure that is being retried be stopped, and only start one that is not', () => {
    expect(actions('failed', null, Date.now() + 8000)).toEqual(['delete', 'start', 'stop']);
    expect(actions('failed')).toEqual(['delete', 'start']);
  });

  it('offers start only when nothing runs', () => {
    expect(actions('stopped')).toEqual(['delete', 'start']);
    expect(actions('failed')).toEqual(['delete', 'start']);
    expect(actions('logged_out')).toEqual(['delete', 'start']);
  });

  it('offers stop and restart while the engine runs, never start', () => {
    for (const status of ['starting', 'qr', 'authenticating', 'connected', 'reconnecting'] as const) {
      const list = actions(status);
      expect(list).toContain('stop');
      expect(list).toContain('restart');
      expect(list).not.toContain('start');
    }
  });

  it('offers log out only when a phone is (or may still be) linked', () => {
    expect(actions('connected', '4915112345678')).toContain('logout');
    expect(actions('reconnecting', '4915112345678')).toContain('logout');
    expect(actions('authenticating')).toContain('logout');
    expect(actions('stopped', '4915112345678')).toContain('logout');
    expect(actions('failed', '4915112345678')).toContain('logout');
    expect(actions('stopped')).not.toContain('logout');
    expect(actions('qr')).not.toContain('logout');
    expect(actions('logged_out')).not.toContain('logout');
  });

  it('offers the QR code only while one is on display', () => {
    expect(actions('qr')).toContain('link');
    for (const status of SESSION_STATUSES.filter((s) => s !== 'qr'))
      expect(actions(status)).not.toContain('link');
  });

  it('always allows delete', () => {
    for (const status of SESSION_STATUSES) expect(actions(status)).toContain('delete');
  });
});

describe('status metadata', () => {
  it('labels every status in words, with a distinct label each', () => {
    const labels = SESSION_STATUSES.map((s) => STATUS_META[s].label);
    expect(new Set(labels).size).toBe(8);
    expect(STATUS_META.connected.label).toBe('Connected');
    expect(STATUS_META.logged_out.label).toBe('Logged out');
  });
});

describe('countSessions', () => {
  it('counts connected sessions and the ones needing attention', () => {
    const list = (
      ['connected', 'connected', 'failed', 'logged_out', 'qr', 'stopped', 'reconnecting'] as const
    ).map((status) => ({ status }));
    expect(countSessions(list)).toEqual({ total: 7, connected: 2, needsAttention: 3 });
    expect(countSessions([])).toEqual({ total: 0, connected: 0, needsAttention: 0 });
  });
});

describe('engineLabel', () => {
  it('names known engines and passes unknown ones through', () => {
    expect(engineLabel('webjs')).toBe('WhatsApp Web');
    expect(engineLabel('sandbox')).toBe('Sandbox');
    expect(engineLabel('baileys')).toBe('baileys');
  });
});
