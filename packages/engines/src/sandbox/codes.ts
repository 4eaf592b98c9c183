import { randomBytes } from 'node:crypto';

/**
 * WhatsApp's QR payload is `2@<ref>,<noise key>,<identity key>,<secret>`, each part base64. The sandbox
 * mimics that shape so the dashboard's QR rendering is exercised with realistic lengths.
 */
export function newQrString(): string {
  const part = (bytes: number) => randomBytes(bytes).toString('base64');
  return `2@${part(48)},${part(32)},${part(32)},${part(32)}`;
}

/** No O/0 or I/1: the code is read off a screen and typed into a phone. 32 symbols, so `byte % 32` is unbiased. */
const PAIRING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newPairingCode(): string {
  return [...randomBytes(8)].map((byte) => PAIRING_ALPHABET[byte % PAIRING_ALPHABET.length]).join('');
}

export function newMessageId(): string {
  return `sb_${randomBytes(10).toString('hex')}`;
}
