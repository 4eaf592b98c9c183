import { cx } from '../components/cx.ts';

export function Logo({ size = 'md' }: { size?: 'md' | 'lg' }) {
  return (
    <span className="inline-flex items-center gap-2.5">
      <svg viewBox="0 0 32 32" aria-hidden className={cx('shrink-0', size === 'lg' ? 'size-10' : 'size-8')}>
        <rect width="32" height="32" rx="8" className="fill-emerald-600 dark:fill-emerald-500" />
        <path d="M9 11h14M9 16h9M9 21h11" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
        <circle cx="23" cy="16" r="2" fill="#fff" />
      </svg>
      <span className={cx('font-semibold tracking-tight', size === 'lg' ? 'text-xl' : 'text-base')}>
        Switchboard
      </span>
    </span>
  );
}
