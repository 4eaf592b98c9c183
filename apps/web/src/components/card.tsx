import type { HTMLAttributes, ReactNode } from 'react';
import { cx } from './cx.ts';

export function Card({
  className,
  children,
  ...rest
}: HTMLAttributes<HTMLElement> & { children: ReactNode }) {
  return (
    <section
      className={cx(
        'rounded-2xl bg-white shadow-sm ring-1 ring-zinc-900/5 dark:bg-zinc-900 dark:ring-white/10',
        className,
      )}
      {...rest}
    >
      {children}
    </section>
  );
}

export function CardHeader({ title, id, action }: { title: string; id?: string; action?: ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-3 border-b border-zinc-100 px-5 py-3.5 dark:border-zinc-800">
      <h2 id={id} className="text-sm font-semibold">
        {title}
      </h2>
      {action}
    </div>
  );
}
