import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { MessageType } from '@switchboard/validators';
import type { Place } from '../contract.ts';

/** A message as the receiving virtual phone sees it; `from` is the sending account's number. */
export interface PhoneMessage {
  id: string;
  from: string;
  type: MessageType;
  /** The text, or a file's caption. */
  text: string;
  /** The file's description, when a file was sent; its bytes are served by `phoneFile` (not kept across restarts). */
  media?: { mimetype: string; filename?: string; size: number; sha256: string };
  location?: Place;
  at: number;
}

/** One line of the network's log: a message a phone received, or an account banned. */
type Entry =
  | { t: 'message'; to: string; message: PhoneMessage }
  | { t: 'ban'; account: string; reason: string };

export interface NetworkState {
  inboxes: Map<string, PhoneMessage[]>;
  bans: Map<string, string>;
}

/** The logs open in this process by file, so a second network over the same file reads what the first wrote. */
const openLogs = new Map<string, NetworkLog>();

/**
 * What the simulated network remembers across server restarts, as the real network would: what each phone
 * received and which numbers are banned. An append-only file of JSON lines, compacted when read.
 *
 * The file stays open, and the lines written while one piece of work runs go out together as a microtask
 * once it is done: a send costs no open and close of the file, and sends handed over together cost one
 * write. A microtask runs before the code that awaits the send goes on, so a line is written before the
 * gateway records that the send was accepted, as when every line was appended at once. What a crash (a
 * kill) can lose is the lines of sends not yet recorded as accepted: the next start marks those failed (or,
 * in a campaign, `unknown`) anyway, and a phone missing a message it might have got is fine for a
 * simulator. A ban lost the same way is earned again by sending the same way. close() writes what is
 * pending.
 */
export class NetworkLog {
  readonly #path: string;
  #fd: number | undefined;
  #pending: string[] = [];
  #flushScheduled = false;

  constructor(path: string) {
    this.#path = resolve(path);
  }

  /** Reads what was kept (within the inbox bounds) and rewrites the file with just that. */
  load(bounds: { perPhone: number; phones: number }): NetworkState {
    // Another log over this file (an earlier network in this process) may hold lines not yet written.
    openLogs.get(this.#path)?.close();
    const state: NetworkState = { inboxes: new Map(), bans: new Map() };
    let text = '';
    try {
      text = readFileSync(this.#path, 'utf8');
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
    }
    for (const line of text.split('\n')) {
      const entry = parse(line);
      if (entry?.t === 'ban') state.bans.set(entry.account, entry.reason);
      else if (entry?.t === 'message') {
        const inbox = state.inboxes.get(entry.to) ?? [];
        state.inboxes.delete(entry.to);
        state.inboxes.set(entry.to, inbox);
        inbox.push(entry.message);
        if (inbox.length > bounds.perPhone) inbox.splice(0, inbox.length - bounds.perPhone);
      }
    }
    while (state.inboxes.size > bounds.phones) state.inboxes.delete(state.inboxes.keys().next().value!);
    const kept: Entry[] = [
      ...[...state.bans].map(([account, reason]) => ({ t: 'ban' as const, account, reason })),
      ...[...state.inboxes].flatMap(([to, inbox]) =>
        inbox.map((message) => ({ t: 'message' as const, to, message })),
      ),
    ];
    mkdirSync(dirname(this.#path), { recursive: true });
    writeFileSync(`${this.#path}.tmp`, kept.map((e) => `${JSON.stringify(e)}\n`).join(''));
    renameSync(`${this.#path}.tmp`, this.#path);
    return state;
  }

  received(to: string, message: PhoneMessage): void {
    this.#append({ t: 'message', to, message });
  }

  banned(account: string, reason: string): void {
    this.#append({ t: 'ban', account, reason });
  }

  /** Writes what is pending and closes the file; a later line opens it again. */
  close(): void {
    this.#flush();
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    if (openLogs.get(this.#path) === this) openLogs.delete(this.#path);
  }

  #append(entry: Entry): void {
    this.#pending.push(`${JSON.stringify(entry)}\n`);
    openLogs.set(this.#path, this);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => this.#flush());
  }

  #flush(): void {
    this.#flushScheduled = false;
    if (this.#pending.length === 0) return;
    const lines = this.#pending.join('');
    this.#pending = [];
    try {
      this.#fd ??= openSync(this.#path, 'a');
      writeSync(this.#fd, lines);
    } catch (error) {
      // Thrown from a microtask it would end the server. The phones still hold what they received, until
      // a restart: the sends themselves happened.
      console.error('[switchboard] the sandbox network could not write its log', error);
    }
  }
}

/** A line written whole, or nothing (a crash can cut the last one short). */
function parse(line: string): Entry | undefined {
  if (!line.trim()) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return undefined;
    const entry = value as Record<string, unknown>;
    if (entry.t === 'ban' && typeof entry.account === 'string' && typeof entry.reason === 'string')
      return value as Entry;
    if (entry.t === 'message' && typeof entry.to === 'string' && typeof entry.message === 'object')
      return value as Entry;
  } catch {
    // A torn last line: what it held never finished happening.
  }
  return undefined;
}
