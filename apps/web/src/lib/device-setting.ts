import { useSyncExternalStore } from 'react';

/**
 * A choice kept on this device (`localStorage`), shared live by every component that reads it. Storage that
 * is full or blocked (private mode) still works for the page's lifetime.
 */
export function deviceSetting<T extends string>(key: string, choices: readonly T[], fallback: T) {
  const listeners = new Set<() => void>();
  let memory: T | null = null;
  const read = (): T => {
    if (memory !== null) return memory;
    try {
      const stored = window.localStorage.getItem(key);
      return choices.find((c) => c === stored) ?? fallback;
    } catch {
      return fallback;
    }
  };
  const write = (value: T) => {
    memory = value;
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // Kept in memory only.
    }
    for (const listener of listeners) listener();
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    read,
    write,
    use: (): [T, (value: T) => void] => [useSyncExternalStore(subscribe, read), write],
  };
}
