import type { InboundMessage } from '../contract.ts';

/**
 * What the network may do to a running session: the things a phone or the network does to a linked
 * device. Sessions register a handle rather than themselves, so these never show on the EngineSession.
 */
export interface SessionHandle {
  /** The phone this session is linked to, while it is running with a link. */
  linkedPhone(): string | undefined;
  isReady(): boolean;
  isShowingQr(): boolean;
  /** The phone scanned the QR code or entered a pairing code. */
  link(phone: string): void;
  receive(message: InboundMessage): void;
  /** The connection dropped; the session is still linked. */
  drop(): void;
  /** The phone removed this linked device. */
  unlink(): void;
  /** The account's standing changed (limited, lifted, banned): read it with `standing`. */
  standingChanged(): void;
  /** The next send is handed to WhatsApp, then fails: its outcome is unknown. */
  failNextSend(): void;
}
