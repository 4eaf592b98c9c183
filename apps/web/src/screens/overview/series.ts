import type { MessageStats } from '../../lib/types.ts';

/**
 * The chart's lines and the totals beside it, in one order and one colour each (Tailwind's 500 shades); their
 * names are the catalogue's `overview.series.<key>`.
 */
export const SERIES = [
  { key: 'sent', color: '#0ea5e9' },
  { key: 'delivered', color: '#6366f1' },
  { key: 'read', color: '#10b981' },
  { key: 'failed', color: '#ef4444' },
  { key: 'received', color: '#f59e0b' },
] as const satisfies ReadonlyArray<{ key: keyof MessageStats['totals']; color: string }>;
