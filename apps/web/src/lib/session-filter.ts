import type { SessionSort, SessionStatus } from '@switchboard/validators';
import { NEEDS_ATTENTION } from './session-status.ts';
import type { EngineName, Session } from './types.ts';

/** What the sessions screen narrows the list to and how it orders it; everything optional but the sort. */
export interface SessionFilter {
  search: string;
  status: SessionStatus | null;
  engine: EngineName | null;
  ownerId: string | null;
  sort: SessionSort;
  order: 'asc' | 'desc';
}

export const NO_FILTER: SessionFilter = {
  search: '',
  status: null,
  engine: null,
  ownerId: null,
  sort: 'created',
  order: 'asc',
};

export const isFiltered = (filter: SessionFilter): boolean =>
  filter.search.trim() !== '' || filter.status !== null || filter.engine !== null || filter.ownerId !== null;

/**
 * Whether a session matches the search: part of its name or id (any case), or the digits of its number
 * ("+49 151" finds 4915112345678) — as `sessions.list` searches on the server.
 */
function matches(session: Session, search: string): boolean {
  const words = search.trim().toLowerCase();
  if (!words) return true;
  if (session.name.toLowerCase().includes(words) || session.id.includes(words)) return true;
  const digits = words.replace(/\D/g, '');
  return digits.length > 0 && /^[\d\s+().-]+$/.test(words) && (session.phone ?? '').includes(digits);
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** How two sessions compare under a sort, ascending; ties keep the order of creation. */
function compare(sort: SessionSort, a: Session, b: Session): number {
  switch (sort) {
    case 'name':
      return collator.compare(a.name, b.name);
    case 'phone':
      // Unlinked sessions go last either way round: they have no number to order by.
      return (a.phone ?? '\uffff').localeCompare(b.phone ?? '\uffff');
    case 'lastConnected':
      return (a.lastConnectedAt ?? 0) - (b.lastConnectedAt ?? 0);
    case 'attention': {
      const rank = (s: Session) => {
        const i = NEEDS_ATTENTION.indexOf(s.status);
        return i === -1 ? NEEDS_ATTENTION.length : i;
      };
      return rank(a) - rank(b) || collator.compare(a.name, b.name);
    }
    case 'created':
      return a.createdAt - b.createdAt;
  }
}

/** The sessions the filter lets through, in its order. */
export function filterSessions(sessions: readonly Session[], filter: SessionFilter): Session[] {
  const shown = sessions.filter(
    (s) =>
      (filter.status === null || s.status === filter.status) &&
      (filter.engine === null || s.engine === filter.engine) &&
      (filter.ownerId === null || s.ownerId === filter.ownerId) &&
      matches(s, filter.search),
  );
  const direction = filter.order === 'desc' ? -1 : 1;
  return shown.sort((a, b) => direction * compare(filter.sort, a, b) || a.createdAt - b.createdAt);
}
