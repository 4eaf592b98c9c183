import type { Duplex } from 'node:stream';
import type { AuthChange, AuthService, Credential } from '@switchboard/core';
import type { WebSocket } from 'ws';

interface Entry {
  credential: Credential;
  userId: string;
  socket: Duplex;
  ws?: WebSocket;
}

/** Close code for a socket whose sign-in ended (4000-4999 are the application's to define). */
export const SIGN_IN_ENDED = 4001;
/** Sign-ins that expire on their own are noticed this often (changes are noticed at once). */
const SWEEP_MS = 60_000;

/**
 * The open WebSockets of each sign-in: at most `perSignIn` at once, and closed the moment their sign-in
 * ends — sign-out, password reset, deletion (told by the auth service) or expiry (noticed by a sweep) —
 * which ends every stream on them.
 */
export class SignInSockets {
  readonly #byCredential = new Map<string, Set<Entry>>();
  readonly #sweep: NodeJS.Timeout;
  readonly #unsubscribe: () => void;

  constructor(
    private readonly auth: AuthService,
    private readonly perSignIn: number,
  ) {
    this.#unsubscribe = auth.onChange((change) => this.#recheck(change));
    this.#sweep = setInterval(() => this.#recheck(null), SWEEP_MS).unref();
  }

  /**
   * Holds a place for a socket of this sign-in, from the upgrade request on, or answers false when it has
   * as many as allowed. The place is given back when the socket closes.
   */
  admit(socket: Duplex, credential: Credential, userId: string): false | ((ws: WebSocket) => void) {
    const entries = this.#byCredential.get(credential.key) ?? new Set<Entry>();
    if (entries.size >= this.perSignIn) return false;
    const entry: Entry = { credential, userId, socket };
    entries.add(entry);
    this.#byCredential.set(credential.key, entries);
    socket.once('close', () => {
      entries.delete(entry);
      if (entries.size === 0 && this.#byCredential.get(credential.key) === entries)
        this.#byCredential.delete(credential.key);
    });
    return (ws) => {
      entry.ws = ws;
    };
  }

  stop(): void {
    clearInterval(this.#sweep);
    this.#unsubscribe();
  }

  /** Closes the sockets whose sign-in no longer works, of those `change` concerns (null: all). */
  #recheck(change: AuthChange | null): void {
    for (const [key, entries] of this.#byCredential) {
      for (const entry of entries) {
        const concerned =
          change === null ||
          ('credentialKey' in change ? change.credentialKey === key : change.userId === entry.userId);
        if (!concerned || this.auth.identify(entry.credential)) continue;
        if (!entry.ws) {
          entry.socket.destroy();
          continue;
        }
        entry.ws.close(SIGN_IN_ENDED, 'Your sign-in has ended');
        // A client that does not finish the closing handshake is cut off.
        setTimeout(() => entry.ws?.terminate(), 2000).unref();
      }
    }
  }
}
