import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import { emptyLive, type LiveSession, reduceLive } from '../lib/live-state.ts';
import type { SessionEvent } from '../lib/types.ts';

/** Runs `flush` once, soon: before the next paint, or after a tenth of a second where frames are paused. */
export type Scheduler = (flush: () => void) => void;

const FALLBACK_MS = 100;

export const beforeNextPaint: Scheduler = (flush) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    flush();
  };
  // Hidden tabs get no animation frames; the timer keeps their state current all the same.
  requestAnimationFrame(once);
  setTimeout(once, FALLBACK_MS);
};

/**
 * What `sessions.onEvent` has said since sign-in, per session: status, QR and pairing codes. (A session's
 * history is the server's: `sessions.history`.)
 *
 * Events are folded in as they arrive but published at most once per frame: a burst (or the snapshot every
 * subscription starts with, which names every session) costs one render, not one per event. A session's entry
 * keeps its identity until an event changes it, so a component that reads one session re-renders only when
 * that session changes.
 */
export class LiveStore {
  /** What components see; replaced (never mutated) when a batch is published. */
  #published = new Map<string, LiveSession>();
  /** Changes since the last publication. */
  readonly #pending = new Map<string, LiveSession>();
  readonly #listeners = new Set<() => void>();
  readonly #schedule: Scheduler;
  #scheduled = false;

  constructor(schedule: Scheduler = beforeNextPaint) {
    this.#schedule = schedule;
  }

  /** Folds in events — one, or the stream's whole snapshot — to be published together. */
  apply(events: readonly SessionEvent[], receivedAt = Date.now()): void {
    let changed = false;
    for (const event of events) {
      const current =
        this.#pending.get(event.sessionId) ?? this.#published.get(event.sessionId) ?? emptyLive();
      const next = reduceLive(current, event, receivedAt);
      if (next === current) continue;
      this.#pending.set(event.sessionId, next);
      changed = true;
    }
    if (!changed || this.#scheduled) return;
    this.#scheduled = true;
    this.#schedule(() => this.#publish());
  }

  #publish(): void {
    this.#scheduled = false;
    if (this.#pending.size === 0) return;
    const next = new Map(this.#published);
    for (const [id, session] of this.#pending) next.set(id, session);
    this.#pending.clear();
    this.#published = next;
    for (const listener of this.#listeners) listener();
  }

  get(id: string): LiveSession | undefined {
    return this.#published.get(id);
  }

  all(): ReadonlyMap<string, LiveSession> {
    return this.#published;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
}

export const LiveStoreContext = createContext<LiveStore | null>(null);

export function useLiveStore(): LiveStore {
  const store = useContext(LiveStoreContext);
  if (!store) throw new Error('useLiveStore needs a LiveStoreContext provider');
  return store;
}

export function useLiveSessions(): ReadonlyMap<string, LiveSession> {
  const store = useLiveStore();
  return useSyncExternalStore(store.subscribe, () => store.all());
}

export function useLiveSession(id: string | null): LiveSession | undefined {
  const store = useLiveStore();
  const get = useCallback(() => (id ? store.get(id) : undefined), [store, id]);
  return useSyncExternalStore(store.subscribe, get);
}
