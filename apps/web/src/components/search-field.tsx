import { Search } from 'lucide-react';
import { useId } from 'react';
import { cx } from './cx.ts';
import { selectClass } from './field.tsx';

/** The search box above a list: a magnifier at its start, its label for screen readers only. */
export function SearchField({
  label,
  placeholder,
  value,
  onChange,
  className,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={cx('relative', className)}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Search
        aria-hidden
        className="pointer-events-none absolute start-3 top-1/2 size-4 -translate-y-1/2 text-zinc-400"
      />
      <input
        id={id}
        type="search"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        className={cx(selectClass, 'ps-9 pe-3')}
      />
    </div>
  );
}
