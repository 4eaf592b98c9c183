/**
 * How a WhatsApp Web link ends, in the engine contract's words: its disconnects, state changes, refused
 * logins and start failures, each with a reason code the dashboard can say in the operator's language.
 * Pure, so each is unit-tested without WhatsApp.
 */
import { type CodedReason, coded, type ErrorParams, plainText, type Said } from '@switchboard/validators';
import type { EngineEvent } from '../contract.ts';

// ── QR codes ───────────────────────────────────────────────────────────────────────────────────────────

/**
 * How long a QR code stays valid: WhatsApp gives the first one about a minute and each following one
 * about 20 s, then stops issuing codes. Only used to show a countdown; the next code arrives as an event.
 */
export function qrLifetimeMs(index: number): number {
  return index === 0 ? 60_000 : 20_000;
}

// ── Disconnects ────────────────────────────────────────────────────────────────────────────────────────

export type LinkOutcome = Extract<EngineEvent, { type: 'disconnected' | 'failed' }>;

/**
 * What a `disconnected` reason (a WAState, or "LOGOUT") means for the session: logged out (a new link is
 * needed), a reconnect, or a failure retrying cannot fix.
 */
export function disconnectOutcome(reason: string): LinkOutcome {
  switch (reason) {
    case 'LOGOUT':
      return {
        type: 'disconnected',
        loggedOut: true,
        reason: 'Logged out: the linked device was removed',
        coded: coded('session.device_removed'),
      };
    case 'UNPAIRED':
    case 'UNPAIRED_IDLE':
      return {
        type: 'disconnected',
        loggedOut: true,
        reason: `The phone unlinked this device (${reason})`,
        coded: coded('session.phone_unlinked', { code: reason }),
      };
    case 'TOS_BLOCK':
    case 'SMB_TOS_BLOCK':
      return {
        type: 'failed',
        retryable: false,
        reason: `WhatsApp blocked this account (${reason}): check the phone`,
        coded: coded('session.blocked', { code: reason }),
      };
    case 'DEPRECATED_VERSION':
      return {
        type: 'failed',
        retryable: false,
        reason:
          'WhatsApp no longer accepts this WhatsApp Web version (DEPRECATED_VERSION): set or update WEBJS_WEB_VERSION, or update Switchboard',
        coded: coded('session.version_deprecated'),
      };
    case 'Max qrcode retries reached':
      return {
        type: 'failed',
        retryable: false,
        reason: 'QR code not scanned in time',
        coded: coded('session.qr_not_scanned'),
      };
    case 'CONFLICT':
      return {
        type: 'disconnected',
        loggedOut: false,
        reason: 'WhatsApp Web was opened on another computer (CONFLICT)',
        coded: coded('session.conflict'),
      };
    case 'PROXYBLOCK':
      return {
        type: 'disconnected',
        loggedOut: false,
        reason: 'WhatsApp refused the connection from this network (PROXYBLOCK)',
        coded: coded('session.network_refused'),
      };
    default:
      return {
        type: 'disconnected',
        loggedOut: false,
        reason: `Disconnected from WhatsApp (${reason})`,
        coded: coded('session.disconnected', { code: reason }),
      };
  }
}

/** States WhatsApp Web passes through while it works (TIMEOUT: the phone is briefly unreachable). */
const WORKING_STATES = new Set(['CONNECTED', 'OPENING', 'PAIRING', 'TIMEOUT']);

/** A `change_state` that ends the link, mapped like the disconnect it causes; null while all is well. */
export function stateOutcome(state: string): LinkOutcome | null {
  return WORKING_STATES.has(state) ? null : disconnectOutcome(state);
}

/**
 * The run that WhatsApp Web accepted the login for but whatsapp-web.js never got `ready` within `ms`: a
 * failure worth retrying (the login is kept), saying what the page showed — `helpersLoaded` is whether
 * whatsapp-web.js's helpers made it into the page, null when the page no longer answered.
 */
export function notReadyOutcome(ms: number, helpersLoaded: boolean | null): LinkOutcome {
  const why =
    helpersLoaded === null
      ? 'the page stopped answering'
      : helpersLoaded
        ? 'whatsapp-web.js could not attach to it'
        : 'whatsapp-web.js could not load its helpers into it';
  return {
    type: 'failed',
    retryable: true,
    reason: `WhatsApp Web accepted the login but did not become ready in ${Math.round(ms / 1000)} s (${why}): WhatsApp Web may have changed — pin a working version with WEBJS_WEB_VERSION`,
    coded: coded('session.not_ready', { seconds: Math.round(ms / 1000) }),
  };
}

export function authFailureOutcome(message: unknown): LinkOutcome {
  const detail = typeof message === 'string' && message ? ` (${message})` : '';
  return {
    type: 'disconnected',
    loggedOut: true,
    reason: `WhatsApp did not accept the stored login${detail}: link the phone again`,
    coded: coded('session.login_rejected'),
  };
}

// ── Start errors ───────────────────────────────────────────────────────────────────────────────────────

const firstLine = (text: string) =>
  text
    .split('\n')
    .find((line) => line.trim())
    ?.trim() ?? text;

/**
 * A start failure as a reason a person can act on, with its code. whatsapp-web.js and puppeteer throw
 * Errors, but also bare strings ("auth timeout"), so anything is accepted.
 */
export function describeStartError(error: unknown): Said {
  const message = error instanceof Error ? error.message : String(error);
  const net = /net::(ERR_[A-Z0-9_]+)(?: at (\S+))?/.exec(message);
  if (net) {
    const host = net[2] ? (URL.parse(net[2])?.host ?? 'web.whatsapp.com') : 'web.whatsapp.com';
    return said(`cannot reach ${host}: ${net[1]}`, 'session.unreachable', { host, error: net[1]! });
  }
  if (message === 'auth timeout' || message === 'ready timeout') {
    return said(
      `WhatsApp Web opened but did not start (${message}): the network may be too slow, or WhatsApp Web changed — pin a working version with WEBJS_WEB_VERSION`,
      'session.web_not_started',
      { detail: message },
    );
  }
  const version = /Couldn't load version (\S+) from the (archive|cache)/.exec(message);
  if (version) {
    return said(
      `WhatsApp Web version ${version[1]} could not be loaded: check WEBJS_WEB_VERSION and WEBJS_WEB_VERSION_URL, or unset the pin`,
      'session.web_version_unloadable',
      { version: version[1]! },
    );
  }
  if (message.includes('The browser is already running for')) {
    const detail = firstLine(message);
    return said(
      `Another Chromium is still using this session's profile and could not be ended: ${detail}`,
      'session.profile_in_use',
      { detail },
    );
  }
  if (message.includes('Failed to launch the browser process')) {
    const detail = message
      .split('\n')
      .slice(1)
      .map((line) => line.trim())
      .find((line) => line && !line.startsWith('TROUBLESHOOTING'))
      ?.slice(0, 300);
    return said(`Chromium could not start${detail ? `: ${detail}` : ''}`, 'session.browser_not_started', {
      detail: detail ?? '',
    });
  }
  if (
    /Target closed|Session closed|browser has disconnected|Connection closed|frame was detached/i.test(
      message,
    )
  ) {
    return said('The browser closed while WhatsApp Web was loading', 'session.browser_closed_loading');
  }
  return plainText(firstLine(message));
}

/** Words and their code, as a start failure is reported. */
const said = (text: string, reason: CodedReason, params: ErrorParams = {}): Said => ({
  text,
  coded: coded(reason, params),
});
