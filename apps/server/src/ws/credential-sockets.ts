import type { Duplex } from 'node:stream';
import type { AuthChange, AuthService, Credential, Identity } from '@switchboard/core';
import type { WebSocket } from 'ws';

interface Entry {
  credential: Credential;
  userId: string;
  /** Before the upgrade completes: the raw socket (destroyed if the credential ends meanwhile). */
  socket?: Duplex;
  ws?: WebSocket;
  /** Ends the socket when its credential expires on its own. */
  expiry?: NodeJS.Timeout;
}

/** Close code for a socket whose sign-in or API key stopped working (4000-4999 are the application's). */
export const CREDENTIAL_ENDED = 4001;
/** Changes made behind the services' back (a database edited by hand) are noticed this often. */
const SWEEP_MS = 60_000;
/** setTimeout's longest delay; a credential that expires later is left to the sweep until then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The open WebSockets of each credential — a sign-in or an API key: at most `perCredential` at once, and
 * closed the moment it stops working — sign-out, password reset, deletion, demotion that hides everything,
 * a revoked key (told by the auth service) or expiry (a timer) — which ends every stream on them.
 */
export class CredentialSockets {
  readonly #byCredential = new Map<string, Set<Entry>>();
  readonly #sweep: NodeJS.Timeout;
  readonly #unsubscribe: () => void;

  constructor(
    private readonly auth: AuthService,
    private readonly perCredential: number,
  ) {
    this.#unsubscribe = auth.onChange((change) => this.#recheck(change));
    this.#sweep = setInterval(() => this.#recheck(null), SWEEP_MS).unref();
  }

  /**
   * Holds a place for a socket of this credential from the upgrade request on, or answers false when the
   * credential has as many as allowed. The returned function attaches the WebSocket once it is open.
   */
  admit(socket: Duplex, identity: Identity, credential: Credential): false | ((ws: WebSocket) => void) {
    const entry: Entry = { credential, userId: identity.user.id, socket };
    if (!this.#add(entry, identity, socket)) return false;
    return (ws) => {
      entry.ws = ws;
    };
  }

  /** Like `admit`, for a WebSocket that is already open (its credential came in its first message). */
  admitOpen(ws: WebSocket, identity: Identity, credential: Credential): boolean {
    return this.#add({ credential, userId: identity.user.id, ws }, identity, ws);
  }

  /** The place is given back when the socket closes. */
  #add(entry: Entry, identity: Identity, closes: Duplex | WebSocket): boolean {
    const key = entry.credential.key;
    const entries = this.#byCredential.get(key) ?? new Set<Entry>();
    if (entries.size >= this.perCredential) return false;
    entries.add(entry);
    this.#byCredential.set(key, entries);
    const untilExpiry = identity.expiresAt - Date.now();
    if (untilExpiry < MAX_TIMER_MS)
      entry.expiry = setTimeout(() => this.#end(entry), Math.max(0, untilExpiry) + 1).unref();
    closes.once('close', () => {
      clearTimeout(entry.expiry);
      entries.delete(entry);
      if (entries.size === 0 && this.#byCredential.get(key) === entries) this.#byCredential.delete(key);
    });
    return true;
  }

  stop(): void {
    clearInterval(this.#sweep);
    this.#unsubscribe();
  }

  /** Closes the sockets whose credential no longer works, of those `change` concerns (null: all). */
  #recheck(change: AuthChange | null): void {
    for (const [key, entries] of this.#byCredential) {
      for (const entry of entries) {
        const concerned =
          change === null ||
          ('credentialKey' in change ? change.credentialKey === key : change.userId === entry.userId);
        if (concerned) this.#end(entry);
      }
    }
  }

  #end(entry: Entry): void {
    if (this.auth.identify(entry.credential)) return;
    if (!entry.ws) {
      entry.socket?.destroy();
      return;
    }
    entry.ws.close(
      CREDENTIAL_ENDED,
      entry.credential.kind === 'key' ? 'Your API key stopped working' : 'Your sign-in has ended',
    );
    // A client that does not finish the closing handshake is cut off.
    setTimeout(() => entry.ws?.terminate(), 2000).unref();
  }
}
