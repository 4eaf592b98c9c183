import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reachability } from '../contract.ts';

/**
 * Whether WhatsApp Web could be reached at the engine's last attempt, kept in a small file so the answer
 * outlives a restart: a dashboard can then suggest the sandbox on a machine that cannot reach WhatsApp,
 * before anyone waits for a browser to fail.
 */
export class ReachabilityRecord {
  readonly #file: string;
  #last: Reachability | null;

  constructor(file: string) {
    this.#file = file;
    this.#last = ReachabilityRecord.#read(file);
  }

  static #read(file: string): Reachability | null {
    try {
      const saved: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (
        typeof saved === 'object' &&
        saved !== null &&
        'reachable' in saved &&
        typeof saved.reachable === 'boolean' &&
        'at' in saved &&
        typeof saved.at === 'number'
      )
        return { reachable: saved.reachable, at: saved.at };
    } catch {
      // No record yet (or an unreadable one): nothing is known until the next attempt.
    }
    return null;
  }

  get(): Reachability | null {
    return this.#last;
  }

  record(reachable: boolean): void {
    // Only a change is written: every QR code of a running session says "reachable" again.
    if (this.#last?.reachable === reachable) return;
    this.#last = { reachable, at: Date.now() };
    try {
      mkdirSync(dirname(this.#file), { recursive: true });
      const temporary = `${this.#file}.tmp`;
      writeFileSync(temporary, JSON.stringify(this.#last));
      renameSync(temporary, this.#file);
    } catch (error) {
      // The answer is a hint for the dashboard: it stays known in memory until the server restarts.
      console.error('[switchboard] could not save whether WhatsApp Web was reachable', error);
    }
  }
}
