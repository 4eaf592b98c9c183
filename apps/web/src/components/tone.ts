import type { StatusTone } from '../lib/session-status.ts';

/** The small set of colours the dashboard speaks in; text always carries the same meaning. */
export const TONE_BADGE: Record<StatusTone, string> = {
  neutral:
    'bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-400/20',
  info: 'bg-sky-50 text-sky-800 ring-sky-600/20 dark:bg-sky-950 dark:text-sky-300 dark:ring-sky-400/20',
  waiting:
    'bg-amber-50 text-amber-800 ring-amber-600/25 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-400/20',
  success:
    'bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-400/20',
  danger: 'bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-950 dark:text-red-300 dark:ring-red-400/20',
};

export const TONE_DOT: Record<StatusTone, string> = {
  neutral: 'bg-zinc-400',
  info: 'bg-sky-500',
  waiting: 'bg-amber-500',
  success: 'bg-emerald-500',
  danger: 'bg-red-500',
};
