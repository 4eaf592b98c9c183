/**
 * How the sandbox judges an account, so that sending safely can be measured: sending faster than a
 * threshold, at a fixed interval, or to too many new contacts within an hour earns a strike. The first
 * strike limits the account's reach (no messages to new contacts for a while); going on messaging new
 * contacts while limited, or recipients reporting spam, earns more; enough strikes and the account is banned.
 */
export interface RiskOptions {
  enabled: boolean;
  /** More sends than this within any 60 seconds is a strike. */
  maxPerMinute: number;
  /** More first messages to new contacts than this within any hour is a strike. */
  newContactsPerHour: number;
  /** This many sends in a row at (almost) the same interval is a strike; 0 turns the check off. */
  fixedIntervalSends: number;
  /** How long the reach-out limit after a strike lasts. */
  limitMs: number;
  /** Each this many refused sends to new contacts while limited is a strike. */
  refusalsPerStrike: number;
  /** Strikes that get the account banned. */
  strikesToBan: number;
}

/** Loose enough for a campaign at its default pacing, tight enough that a plain loop of sends is banned. */
export const DEFAULT_RISK: RiskOptions = {
  enabled: true,
  maxPerMinute: 10,
  newContactsPerHour: 100,
  fixedIntervalSends: 10,
  limitMs: 60 * 60 * 1000,
  refusalsPerStrike: 10,
  strikesToBan: 3,
};

/** What WhatsApp does with a send. */
export type RiskVerdict = { kind: 'allow' } | { kind: 'refuse' } | { kind: 'banned'; reason: string };

/** An account's standing, as the model sees it. */
export interface Standing {
  strikes: number;
  /** Until when new contacts are refused; null when they are not. */
  limitedUntil: number | null;
  /** Why the account was banned; null while it is not. */
  banned: string | null;
  /** What earned the last strike. */
  lastStrike: string | null;
}

interface AccountRecord {
  attempts: number[];
  newContacts: number[];
  known: Set<string>;
  strikes: number;
  limitedUntil: number;
  refusals: number;
  banned: string | null;
  lastStrike: string | null;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Contacts remembered per account; the oldest are forgotten first. */
const KNOWN_LIMIT = 50_000;

export class RiskModel {
  readonly #accounts = new Map<string, AccountRecord>();

  constructor(
    private readonly options: RiskOptions,
    private readonly now: () => number,
    /** Told whenever an account's standing changed (limited, banned). */
    private readonly onChange: (account: string) => void,
    /** Accounts banned in an earlier run, by number. */
    banned: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const [account, reason] of banned) this.#record(account).banned = reason;
  }

  standing(account: string): Standing {
    const r = this.#record(account);
    const now = this.now();
    return {
      strikes: r.strikes,
      limitedUntil: r.limitedUntil > now ? r.limitedUntil : null,
      banned: r.banned,
      lastStrike: r.lastStrike,
    };
  }

  /** `phone` wrote to the account: messages to it are replies, not first contacts. */
  heardFrom(account: string, phone: string): void {
    this.#know(this.#record(account), phone);
  }

  /** Judges a send from `account` to `to` and records it. */
  assess(account: string, to: string): RiskVerdict {
    const r = this.#record(account);
    if (r.banned) return { kind: 'banned', reason: r.banned };
    const now = this.now();
    const isNew = !r.known.has(to);
    // A reach-out limit holds with the model off too (one set through the control API).
    if (r.limitedUntil > now && isNew && !this.options.enabled) return { kind: 'refuse' };
    if (!this.options.enabled) return { kind: 'allow' };
    r.attempts = r.attempts.filter((t) => t > now - HOUR_MS);
    r.newContacts = r.newContacts.filter((t) => t > now - HOUR_MS);
    r.attempts.push(now);
    if (r.limitedUntil > now) {
      if (!isNew) return { kind: 'allow' };
      r.refusals++;
      if (r.refusals >= this.options.refusalsPerStrike) {
        r.refusals = 0;
        this.#strike(account, r, 'kept messaging new contacts while limited');
      }
      return r.banned ? { kind: 'banned', reason: r.banned } : { kind: 'refuse' };
    }
    const violation = this.#violation(r, now, isNew);
    if (violation) {
      this.#strike(account, r, violation);
      if (r.banned) return { kind: 'banned', reason: r.banned };
      if (isNew) return { kind: 'refuse' };
    }
    if (isNew) r.newContacts.push(now);
    this.#know(r, to);
    return { kind: 'allow' };
  }

  /** WhatsApp limits the account's reach until `until` (null lifts the limit), as the control API asks. */
  limit(account: string, until: number | null): void {
    const r = this.#record(account);
    r.limitedUntil = until ?? 0;
    this.onChange(account);
  }

  /** A recipient reported the account as spam: a strike. */
  report(account: string): Standing {
    this.#strike(account, this.#record(account), 'reported as spam');
    return this.standing(account);
  }

  #violation(r: AccountRecord, now: number, isNew: boolean): string | null {
    const { maxPerMinute, newContactsPerHour, fixedIntervalSends } = this.options;
    const lastMinute = r.attempts.filter((t) => t > now - MINUTE_MS).length;
    if (lastMinute > maxPerMinute) return `sent ${lastMinute} messages within a minute`;
    if (isNew && r.newContacts.length + 1 > newContactsPerHour)
      return `messaged ${r.newContacts.length + 1} new contacts within an hour`;
    if (fixedIntervalSends > 1 && r.attempts.length >= fixedIntervalSends) {
      const times = r.attempts.slice(-fixedIntervalSends);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
      const tolerance = Math.max(250, mean * 0.05);
      if (gaps.every((g) => Math.abs(g - mean) <= tolerance))
        return `sent ${fixedIntervalSends} messages at the same interval (${(mean / 1000).toFixed(1)} s)`;
    }
    return null;
  }

  #strike(account: string, r: AccountRecord, why: string): void {
    if (r.banned) return;
    r.strikes++;
    r.lastStrike = why;
    if (r.strikes >= this.options.strikesToBan) r.banned = `${why} after ${r.strikes - 1} earlier warnings`;
    else r.limitedUntil = Math.max(r.limitedUntil, this.now() + this.options.limitMs);
    this.onChange(account);
  }

  #know(r: AccountRecord, phone: string): void {
    r.known.delete(phone);
    r.known.add(phone);
    if (r.known.size > KNOWN_LIMIT) {
      const oldest = r.known.values().next().value;
      if (oldest !== undefined) r.known.delete(oldest);
    }
  }

  #record(account: string): AccountRecord {
    let r = this.#accounts.get(account);
    if (!r) {
      r = {
        attempts: [],
        newContacts: [],
        known: new Set(),
        strikes: 0,
        limitedUntil: 0,
        refusals: 0,
        banned: null,
        lastStrike: null,
      };
      this.#accounts.set(account, r);
    }
    return r;
  }
}
