import type { SessionHandle } from './session-handle.ts';

export interface QrRecord {
  readonly handle: SessionHandle;
  readonly sessionId: string;
  readonly expiresAt: number;
}

export interface PairingRecord extends QrRecord {
  /** The phone the code was requested for; only that phone may enter it. */
  readonly phone: string;
}

/** Codes kept per session: a session left showing QR codes for days cannot grow the map without limit. */
const CODES_PER_SESSION = 50;

/**
 * The QR and pairing codes sessions have shown, current and expired (an expired code answers 410, an
 * unknown one 404), remembered per session so they are forgotten together when it stops.
 */
export class LinkCodes {
  readonly #qrCodes = new Map<string, QrRecord>();
  readonly #pairingCodes = new Map<string, PairingRecord>();
  /** Codes per session (oldest first), to forget them together and cap them. */
  readonly #codesOf = new Map<SessionHandle, { qr: string[]; pairing: string[] }>();

  qr(code: string): QrRecord | undefined {
    return this.#qrCodes.get(code);
  }

  pairing(code: string): PairingRecord | undefined {
    return this.#pairingCodes.get(code);
  }

  addQr(record: QrRecord, qr: string): void {
    this.#qrCodes.set(qr, record);
    this.#remember(record.handle, 'qr', qr);
  }

  addPairing(record: PairingRecord, code: string): void {
    this.#pairingCodes.set(code, record);
    this.#remember(record.handle, 'pairing', code);
  }

  forget(handle: SessionHandle): void {
    const codes = this.#codesOf.get(handle);
    for (const qr of codes?.qr ?? []) this.#qrCodes.delete(qr);
    for (const code of codes?.pairing ?? []) this.#pairingCodes.delete(code);
    this.#codesOf.delete(handle);
  }

  #remember(handle: SessionHandle, kind: 'qr' | 'pairing', code: string): void {
    const codes = this.#codesOf.get(handle) ?? { qr: [], pairing: [] };
    this.#codesOf.set(handle, codes);
    const list = codes[kind];
    list.push(code);
    if (list.length <= CODES_PER_SESSION) return;
    const forgotten = list.shift();
    if (forgotten === undefined) return;
    if (kind === 'qr') this.#qrCodes.delete(forgotten);
    else this.#pairingCodes.delete(forgotten);
  }
}
