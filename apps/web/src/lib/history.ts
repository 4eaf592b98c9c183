import type { HistoryEntry } from './types.ts';

interface Pages {
  pages: Array<{ items: HistoryEntry[]; nextCursor: string | null }>;
  pageParams: unknown[];
}

/** Ids are the server's row ids: numbers that grow, so newer is larger. */
const newer = (a: HistoryEntry, b: HistoryEntry) => Number(a.id) > Number(b.id);

/**
 * A newest-first history with a streamed entry added on top — once: a stream that resumes repeats what the
 * pages may already hold, and an entry older than the top is one of those.
 */
export function withEntry<P extends Pages>(data: P, entry: HistoryEntry): P {
  const [first, ...rest] = data.pages;
  const top = first?.items[0];
  if (!first || (top && !newer(entry, top))) return data;
  return { ...data, pages: [{ ...first, items: [entry, ...first.items] }, ...rest] };
}

/** A list capped at `max`, newest first, with the entry on top unless it is already there. */
export function prependEntry(
  list: readonly HistoryEntry[],
  entry: HistoryEntry,
  max: number,
): HistoryEntry[] {
  if (list.some((e) => e.id === entry.id)) return list as HistoryEntry[];
  return [entry, ...list].slice(0, max);
}
