import type { VirtualItem } from '@tanstack/react-virtual';
import type { LiHTMLAttributes } from 'react';
import { cx } from './cx.ts';

/**
 * One rendered item of a virtualised list (`<ol>` or `<ul>`): placed where the virtualizer computed it —
 * `offset` is where the list itself starts, when the virtualizer counts from above it — and measured by
 * the virtualizer as it renders, so items may be of any height.
 */
export function VirtualRow({
  item,
  measure,
  offset = 0,
  className,
  ...rest
}: {
  item: VirtualItem;
  measure: (element: Element | null) => void;
  offset?: number;
} & Omit<LiHTMLAttributes<HTMLLIElement>, 'style'>) {
  return (
    <li
      ref={measure}
      data-index={item.index}
      className={cx('absolute inset-x-0 top-0', className)}
      style={{ transform: `translateY(${item.start - offset}px)` }}
      {...rest}
    />
  );
}
