import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { cx } from './cx.ts';
import { useRowsLater } from './use-rows-later.ts';

/**
 * A long list that renders only the rows near the viewport (the page itself scrolls), so a thousand items
 * cost what a screenful costs. Items are laid out `columns` to a row; rows are measured as they render, so
 * items may be of any height. It is a list to assistive technology, with each item's position in the whole.
 *
 * Its rows render in the background, a few milliseconds at a time, a moment after the rest of the screen
 * (`useRowsLater`): a thousand items arriving (or a burst of changes to them) never holds the page in one
 * long task.
 */
export function VirtualList<T>({
  items: current,
  columns = 1,
  estimateRowHeight,
  getKey,
  renderItem,
  label,
  rowClassName,
  gap = 16,
}: {
  items: readonly T[];
  columns?: number;
  estimateRowHeight: number;
  getKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  label: string;
  rowClassName?: string;
  gap?: number;
}) {
  const items = useRowsLater(current);
  const list = useRef<HTMLDivElement>(null);
  // Where the list starts on the page: the virtualizer counts from the top of the document.
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const top = (list.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
    if (Math.abs(top - offset) >= 1) setOffset(top);
  });
  // The window's size, so that the first rows rendered fill the screen: by default the virtualizer starts
  // from an empty window, renders a few rows, then the rest in a second, synchronous render once it has
  // read the size. Read once: reading it may force a layout, and only the first render uses it.
  const [initialRect] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }));
  const rowCount = Math.ceil(items.length / columns);
  const virtualizer = useWindowVirtualizer({
    count: rowCount,
    estimateSize: () => estimateRowHeight,
    overscan: 3,
    gap,
    scrollMargin: offset,
    getItemKey: (row) => getKey(items[row * columns]!),
    initialRect,
  });

  return (
    // Rows wrap the items for layout, and <ul> may hold only <li>: the roles carry the list semantics.
    // biome-ignore lint/a11y/useSemanticElements: see above
    <div
      ref={list}
      role="list"
      aria-label={label}
      className="relative"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((row) => (
        <div
          key={row.key}
          ref={virtualizer.measureElement}
          data-index={row.index}
          role="none"
          className={cx('absolute inset-x-0 top-0', rowClassName)}
          style={{ transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)` }}
        >
          {items.slice(row.index * columns, (row.index + 1) * columns).map((item, i) => (
            // biome-ignore lint/a11y/useSemanticElements: an item of the list above, inside a layout row
            <div
              key={getKey(item)}
              role="listitem"
              aria-posinset={row.index * columns + i + 1}
              aria-setsize={items.length}
              className="flex min-w-0"
            >
              {renderItem(item)}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
