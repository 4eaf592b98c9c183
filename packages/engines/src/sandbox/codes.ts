import { randomBytes, randomFillSync } from 'node:crypto';

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

/**
 * Random bytes for message ids, drawn from the system a block at a time: every send needs an id, and a
 * call into the system's generator per id cost more than the rest of the simulated phone's work.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;

export function newMessageId(): string {
  if (used + 10 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 10;
  return `sb_${pool.toString('hex', used - 10, used)}`;
}
