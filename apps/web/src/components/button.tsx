import { ArrowLeft, ArrowRight, ChevronLeft, ChevronRight, type LucideIcon, Send } from 'lucide-react';
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { cx } from './cx.ts';
import { Spinner } from './spinner.tsx';

/** Icons that point along the reading direction: mirrored in right-to-left languages. */
const DIRECTIONAL = new Set<LucideIcon>([ArrowLeft, ArrowRight, ChevronLeft, ChevronRight, Send]);

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost' | 'danger-ghost';
type Size = 'sm' | 'md';

const VARIANT: Record<Variant, string> = {
  primary:
    'bg-emerald-600 text-white shadow-sm hover:bg-emerald-700 disabled:bg-emerald-600/50 dark:bg-emerald-500 dark:text-emerald-950 dark:hover:bg-emerald-400 dark:disabled:bg-emerald-500/40',
  secondary:
    'bg-white text-zinc-800 shadow-sm ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 disabled:text-zinc-400 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-800 dark:disabled:text-zinc-500',
  danger:
    'bg-red-600 text-white shadow-sm hover:bg-red-700 disabled:bg-red-600/50 dark:bg-red-500 dark:hover:bg-red-400',
  ghost:
    'text-zinc-700 hover:bg-zinc-100 disabled:text-zinc-400 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:disabled:text-zinc-600',
  'danger-ghost':
    'text-red-700 hover:bg-red-50 disabled:text-zinc-400 dark:text-red-400 dark:hover:bg-red-950 dark:disabled:text-zinc-600',
};

const SIZE: Record<Size, string> = {
  sm: 'h-8 gap-1.5 rounded-md px-2.5 text-sm',
  md: 'h-10 gap-2 rounded-lg px-4 text-sm',
};

/** A button's look, for links that act as buttons (navigation to a page where the action happens). */
export function buttonClass(variant: Variant = 'secondary', size: Size = 'md'): string {
  return cx(
    'inline-flex shrink-0 items-center justify-center font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed',
    VARIANT[variant],
    SIZE[size],
  );
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
  icon?: LucideIcon;
  loading?: boolean;
  children?: ReactNode;
}

export function Button({
  variant = 'secondary',
  size = 'md',
  icon: Icon,
  loading = false,
  disabled,
  className,
  children,
  type = 'button',
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={cx(buttonClass(variant, size), className)}
      {...rest}
    >
      {loading ? (
        <Spinner className="size-4" />
      ) : Icon ? (
        <Icon aria-hidden className={cx('size-4', DIRECTIONAL.has(Icon) && 'rtl:-scale-x-100')} />
      ) : null}
      {children}
    </button>
  );
}
