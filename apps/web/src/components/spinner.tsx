import { LoaderCircle } from 'lucide-react';
import { cx } from './cx.ts';

export function Spinner({ className, label }: { className?: string; label?: string }) {
  return (
    <LoaderCircle
      className={cx('animate-spin', className ?? 'size-4')}
      aria-hidden={label ? undefined : true}
      aria-label={label}
      role={label ? 'img' : undefined}
    />
  );
}

/** A whole region still waiting for its data. */
export function LoadingBlock({ label }: { label: string }) {
  return (
    <div
      role="status"
      className="flex items-center justify-center gap-2 py-16 text-zinc-500 dark:text-zinc-400"
    >
      <Spinner className="size-5" />
      <span>{label}</span>
    </div>
  );
}
