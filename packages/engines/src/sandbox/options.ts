import type { RiskOptions } from './risk.ts';

/** How the simulated network behaves; the server fills these from its environment. */
export interface SandboxOptions {
  /** Each QR code is valid this long, then replaced by a new one. */
  qrRotateMs: number;
  /** After this many codes expired unscanned the session fails, like WhatsApp Web giving up. */
  qrMaxCodes: number;
  /** Simulated page load / handshake before the first QR code or `ready`. */
  connectDelayMs: number;
  /** After a send, the `delivered` ack arrives after this long. */
  deliveredDelayMs: number;
  /** After a send, the `read` ack arrives after this long (never before `delivered`). */
  readDelayMs: number;
  /** Phone digits that are not on WhatsApp: sends to them fail, checkNumber says so. */
  notOnWhatsApp: string[];
  /** How the network judges accounts (limits, bans); off when unset. */
  risk?: RiskOptions;
  /** Where the network keeps what phones received and which numbers are banned; memory only when unset. */
  stateFile?: string;
  /** The network's time, for the risk model (tests move it themselves). */
  now?: () => number;
}
