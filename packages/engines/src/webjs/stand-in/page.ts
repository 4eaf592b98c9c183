/**
 * A stand-in for WhatsApp Web, for tests on machines that cannot reach WhatsApp. whatsapp-web.js loads it
 * like the real page (from its version cache) and runs its own injected code against it, unchanged, in
 * real Chromium: the stand-in provides only the WhatsApp Web modules that code reads on the paths under test
 * (linking, sending text and files, receiving, receipts, chats, number and LID lookups, reach-out limits).
 * Each part is a plain browser script beside this file; `phone.js` is what a test drives, through the
 * DevTools protocol, in place of a phone and WhatsApp's servers.
 */
import { readFileSync } from 'node:fs';

/** Someone on the stand-in network. */
interface StandInPerson {
  phone?: string;
  lid?: string;
  name?: string;
  /** They wrote to the account before: their chat is on the phone (replies go out even while limited). */
  wrote?: boolean;
  /** That chat's last message cannot be read on this device (as after WhatsApp Web's key rename). */
  lastMessage?: 'unreadable';
  /** WhatsApp does not tell this device their LID, so it cannot address them ("No LID for user"). */
  withholdsLid?: boolean;
  notOnWhatsApp?: boolean;
}

export interface StandInScript {
  /** Replace the QR code every this many ms once it shows (WhatsApp rotates its "ref"). */
  rotateQrMs?: number;
  /** The phone unlinks this device this long after whatsapp-web.js set up the page (once per browser tab). */
  unlinkAfterMs?: number;
  /**
   * Where WhatsApp Web keeps a message key's serialized id: `_serialized` (until 2.3000.1042401057) or the
   * minified `$1` (since). Default: `_serialized`.
   */
  keyField?: '_serialized' | '$1';
  /** The account of the phone that links. */
  account?: { phone: string; name: string; lid: string };
  /** Start linked, as after a restart with a stored login (no QR code). */
  linked?: boolean;
  people?: StandInPerson[];
  groups?: { id: string; name: string; members: string[]; broken?: boolean }[];
  /**
   * WhatsApp's reach-out limit: after `after` messages to people who never wrote (default 0), the next one is
   * refused with error 463 and the account is time-locked for `forMs`.
   */
  reachOutLimit?: { after?: number; forMs: number };
  /** A module whatsapp-web.js attaches to after linking is missing: `authenticated` comes, `ready` never. */
  neverReady?: boolean;
}

export const STAND_IN_ACCOUNT = { phone: '4915100000001', name: 'Stand-in Shop', lid: '900000000000001@lid' };

/** The scripts, in the order they build on each other. */
const PARTS = ['core.js', 'linking.js', 'chats.js', 'sending.js', 'phone.js', 'registry.js'];

/** The stand-in page for WhatsApp Web `version`, behaving as `script` says. */
export function standInPage(version: string, script: StandInScript): string {
  const config = { keyField: '_serialized', account: STAND_IN_ACCOUNT, ...script, version };
  const parts = PARTS.map((part) => readFileSync(new URL(part, import.meta.url), 'utf8'));
  // `</script` inside the JSON would end the script element early.
  const json = JSON.stringify(config).replaceAll('</', '<\\/');
  return `<!doctype html>
<html><head><title>WhatsApp (test stand-in)</title><script>
window.__standIn = { config: ${json}, modules: {} };
${parts.join('\n')}
</script></head><body>WhatsApp Web stand-in</body></html>`;
}
