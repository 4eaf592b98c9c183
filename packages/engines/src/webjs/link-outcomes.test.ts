import { describe, expect, it } from 'vitest';
import wweb from 'whatsapp-web.js';
import {
  authFailureOutcome,
  describeStartError,
  disconnectOutcome,
  notReadyOutcome,
  qrLifetimeMs,
  stateOutcome,
} from './link-outcomes.ts';

describe('disconnect reasons', () => {
  it('treats an unlink from the phone as logged out', () => {
    expect(disconnectOutcome('LOGOUT')).toMatchObject({ type: 'disconnected', loggedOut: true });
    expect(disconnectOutcome(wweb.WAState.UNPAIRED)).toMatchObject({ type: 'disconnected', loggedOut: true });
    expect(disconnectOutcome(wweb.WAState.UNPAIRED_IDLE)).toMatchObject({
      type: 'disconnected',
      loggedOut: true,
    });
  });

  it('reconnects after anything else, naming the reason', () => {
    expect(disconnectOutcome(wweb.WAState.CONFLICT)).toEqual({
      type: 'disconnected',
      loggedOut: false,
      reason: 'WhatsApp Web was opened on another computer (CONFLICT)',
      coded: { reason: 'session.conflict', params: {} },
    });
    expect(disconnectOutcome('NAVIGATION')).toEqual({
      type: 'disconnected',
      loggedOut: false,
      reason: 'Disconnected from WhatsApp (NAVIGATION)',
      coded: { reason: 'session.disconnected', params: { code: 'NAVIGATION' } },
    });
  });

  it('fails without retries when retrying cannot help', () => {
    expect(disconnectOutcome(wweb.WAState.TOS_BLOCK)).toMatchObject({ type: 'failed', retryable: false });
    expect(disconnectOutcome(wweb.WAState.DEPRECATED_VERSION)).toMatchObject({
      type: 'failed',
      retryable: false,
      reason: expect.stringContaining('WEBJS_WEB_VERSION'),
    });
    expect(disconnectOutcome('Max qrcode retries reached')).toEqual({
      type: 'failed',
      retryable: false,
      reason: 'QR code not scanned in time',
      coded: { reason: 'session.qr_not_scanned', params: {} },
    });
  });

  it('ignores state changes of a working connection and ends on the others', () => {
    for (const state of ['CONNECTED', 'OPENING', 'PAIRING', 'TIMEOUT'])
      expect(stateOutcome(state)).toBeNull();
    expect(stateOutcome('UNPAIRED')).toMatchObject({ loggedOut: true });
    expect(stateOutcome('CONFLICT')).toMatchObject({ loggedOut: false });
  });

  it('treats a refused stored login as logged out', () => {
    expect(authFailureOutcome('Unable to log in. Are the session details valid?')).toEqual({
      type: 'disconnected',
      loggedOut: true,
      reason:
        'WhatsApp did not accept the stored login (Unable to log in. Are the session details valid?): link the phone again',
      coded: { reason: 'session.login_rejected', params: {} },
    });
  });
});

describe('notReadyOutcome', () => {
  it('fails, to be retried, saying what the page showed', () => {
    expect(notReadyOutcome(50_000, true)).toEqual({
      type: 'failed',
      retryable: true,
      reason:
        'WhatsApp Web accepted the login but did not become ready in 50 s (whatsapp-web.js could not attach to it): WhatsApp Web may have changed — pin a working version with WEBJS_WEB_VERSION',
      coded: { reason: 'session.not_ready', params: { seconds: 50 } },
    });
    expect(notReadyOutcome(50_000, false).reason).toContain(
      '(whatsapp-web.js could not load its helpers into it)',
    );
    expect(notReadyOutcome(50_000, null).reason).toContain('(the page stopped answering)');
  });
});

describe('describeStartError', () => {
  it('names the network error when WhatsApp Web cannot be reached', () => {
    const offline = new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/');
    expect(describeStartError(offline)).toEqual({
      text: 'cannot reach web.whatsapp.com: ERR_NAME_NOT_RESOLVED',
      coded: {
        reason: 'session.unreachable',
        params: { host: 'web.whatsapp.com', error: 'ERR_NAME_NOT_RESOLVED' },
      },
    });
    expect(
      describeStartError(new Error('net::ERR_PROXY_CONNECTION_FAILED at https://web.whatsapp.com/')).text,
    ).toBe('cannot reach web.whatsapp.com: ERR_PROXY_CONNECTION_FAILED');
    expect(describeStartError(new Error('net::ERR_INTERNET_DISCONNECTED')).text).toBe(
      'cannot reach web.whatsapp.com: ERR_INTERNET_DISCONNECTED',
    );
  });

  it('explains the bare strings whatsapp-web.js throws', () => {
    const said = describeStartError('auth timeout');
    expect(said.text).toContain('WEBJS_WEB_VERSION');
    expect(said.coded).toEqual({ reason: 'session.web_not_started', params: { detail: 'auth timeout' } });
  });

  it('explains a pinned version that cannot be loaded', () => {
    expect(describeStartError(new Error("Couldn't load version 2.3000.1 from the archive"))).toEqual({
      text: 'WhatsApp Web version 2.3000.1 could not be loaded: check WEBJS_WEB_VERSION and WEBJS_WEB_VERSION_URL, or unset the pin',
      coded: { reason: 'session.web_version_unloadable', params: { version: '2.3000.1' } },
    });
  });

  it('shortens browser launch failures to what went wrong', () => {
    const launch = new Error(
      'Failed to launch the browser process! undefined\n/usr/bin/chromium: error while loading shared libraries: libnss3.so\n\n\nTROUBLESHOOTING: https://pptr.dev/troubleshooting\n',
    );
    const detail = '/usr/bin/chromium: error while loading shared libraries: libnss3.so';
    expect(describeStartError(launch)).toEqual({
      text: `Chromium could not start: ${detail}`,
      coded: { reason: 'session.browser_not_started', params: { detail } },
    });
    expect(describeStartError(new Error('Protocol error (Page.navigate): Target closed'))).toEqual({
      text: 'The browser closed while WhatsApp Web was loading',
      coded: { reason: 'session.browser_closed_loading', params: {} },
    });
  });

  it('passes anything else on, first line only, as words without a code of their own', () => {
    expect(describeStartError(new Error('Something odd\n    at stack'))).toEqual({
      text: 'Something odd',
      coded: { reason: 'text', params: { text: 'Something odd' } },
    });
  });
});

describe('qrLifetimeMs', () => {
  it('gives the first code a minute and the following ones 20 s', () => {
    expect([0, 1, 5].map(qrLifetimeMs)).toEqual([60_000, 20_000, 20_000]);
  });
});
