import type { MessageStats } from '../../lib/types.ts';

/** The chart's lines and the totals beside it, in one order and one colour each (Tailwind's 500 shades). */
export const SERIES = [
  { key: 'sent', label: 'Sent', color: '#0ea5e9' },
  { key: 'delivered', label: 'Delivered', color: '#6366f1' },
  { key: 'read', label: 'Read', color: '#10b981' },
  { key: 'failed', label: 'Failed', color: '#ef4444' },
  { key: 'received', label: 'Received', color: '#f59e0b' },
] as const satisfies ReadonlyArray<{ key: keyof MessageStats['totals']; label: string; color: string }>;
