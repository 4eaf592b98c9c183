import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import { emptyLive, type LiveSession, reduceLive } from '../lib/live-state.ts';
import type { SessionEvent } from '../lib/types.ts';

/**
 * Everything `sessions.onEvent` has said since sign-in, per session. There is no history endpoint: this is
 * the history, for as long as the page is open.
 */
export class LiveStore {
  #sessions = new Map<string, LiveSession>();
  #listeners = new Set<() => void>();

  apply(event: SessionEvent, receivedAt = Date.now()): void {
    const current = this.#sessions.get(event.sessionId) ?? emptyLive();
    const next = reduceLive(current, event, receivedAt);
    if (next === current) return;
    // A new map per change, so React sees a new snapshot.
    this.#sessions = new Map(this.#sessions).set(event.sessionId, next);
    for (const listener of this.#listeners) listener();
  }

  get(id: string): LiveSession | undefined {
    return this.#sessions.get(id);
  }

  all(): ReadonlyMap<string, LiveSession> {
    return this.#sessions;
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
