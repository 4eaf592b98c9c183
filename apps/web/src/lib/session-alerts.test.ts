import { describe, expect, it } from 'vitest';
import { SessionAlerts } from './session-alerts.ts';

describe('SessionAlerts', () => {
  it('tells nothing about the state a stream starts with', () => {
    const alerts = new SessionAlerts();
    expect(alerts.heard('a', 'failed')).toBeNull();
    expect(alerts.heard('b', 'logged_out')).toBeNull();
  });

  it('tells a failure once, however many retries fail the same way, and again after it recovered', () => {
    const alerts = new SessionAlerts();
    alerts.heard('a', 'connected');
    expect(alerts.heard('a', 'failed')).toBe('failed');
    expect(alerts.heard('a', 'starting')).toBeNull();
    expect(alerts.heard('a', 'failed')).toBeNull();
    expect(alerts.heard('a', 'reconnecting')).toBeNull();
    expect(alerts.heard('a', 'failed')).toBeNull();
    expect(alerts.heard('a', 'connected')).toBeNull();
    expect(alerts.heard('a', 'failed')).toBe('failed');
  });

  it('tells every unlink', () => {
    const alerts = new SessionAlerts();
    alerts.heard('a', 'connected');
    expect(alerts.heard('a', 'logged_out')).toBe('logged_out');
    alerts.heard('a', 'qr');
    alerts.heard('a', 'connected');
    expect(alerts.heard('a', 'logged_out')).toBe('logged_out');
  });
});
