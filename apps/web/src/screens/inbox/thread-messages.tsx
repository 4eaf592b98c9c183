import { useVirtualizer } from '@tanstack/react-virtual';
import { ChevronUp } from 'lucide-react';
import { type RefObject, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { cx } from '../../components/cx.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { useRowsLater } from '../../components/use-rows-later.ts';
import { VirtualRow } from '../../components/virtual-row.tsx';
import { errorMessage } from '../../lib/errors.ts';
import type { Message } from '../../lib/types.ts';
import { Bubble } from './message-bubble.tsx';

/**
 * A thread's scrolling message area: oldest first, the newest in view, older pages loaded near the top.
 * Only the bubbles in view are rendered — a thread of ten thousand messages scrolls like one of fifty — and
 * they render a moment after the thread's header and reply box (`useRowsLater`), which is why this part has
 * a component of its own, below the one reading the thread's query and live stream.
 */
export function ThreadMessages({
  messages,
  label,
  loading,
  error,
  loaded,
  hasOlder,
  loadingOlder,
  loadOlder,
}: {
  messages: Message[];
  label: string;
  loading: boolean;
  error: unknown;
  loaded: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder: () => unknown;
}) {
  const { t } = useTranslation();
  const rows = useRowsLater(messages);
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);

  // As photos and players load and grow, the newest message stays in view — unless the reader scrolled up
  // to read older ones.
  const atBottom = useRef(true);
  const toBottom = () => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  };

  const none = loaded && messages.length === 0;

  const loadOlderNearTop = () => {
    const el = scroller.current;
    if (el && el.scrollTop < 400 && hasOlder && !loadingOlder) void loadOlder();
  };

  return (
    <div
      ref={scroller}
      onScroll={(event) => {
        const el = event.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
        loadOlderNearTop();
      }}
      onLoadCapture={toBottom}
      onLoadedMetadataCapture={toBottom}
      className="relative h-[max(12rem,calc(100dvh-25rem))] overflow-y-auto md:h-[min(32rem,calc(100dvh-22rem))] md:min-h-64 bg-zinc-50/70 px-3 py-4 sm:px-5 dark:bg-zinc-950/40"
    >
      {hasOlder ? (
        <div className="pb-3 text-center">
          <Button
            size="sm"
            variant="ghost"
            icon={ChevronUp}
            loading={loadingOlder}
            onClick={() => void loadOlder()}
          >
            {t('inbox.loadOlder')}
          </Button>
        </div>
      ) : null}
      {loading ? <LoadingBlock label={t('inbox.loadingMessages')} /> : null}
      {error ? <ErrorNotice>{errorMessage(error)}</ErrorNotice> : null}
      {none ? (
        <p className="py-24 text-center text-sm text-zinc-500 dark:text-zinc-400">{t('inbox.noMessages')}</p>
      ) : null}
      {rows.length > 0 ? (
        <Rows
          rows={rows}
          label={label}
          scroller={scroller}
          list={list}
          above={`${hasOlder}:${loading}:${Boolean(error)}`}
          atBottom={atBottom}
        />
      ) : (
        // Where the messages will stand, so their place is known before they come.
        <ol ref={list} aria-label={label} className="relative" />
      )}
    </div>
  );
}

/** The scrolling box's bottom padding (`py-4`): past the last message, the box scrolls this much further. */
const PADDING_BOTTOM = 16;
/**
 * A one-line bubble's height, as most are: guessed taller, the first rows rendered would not fill the box, and
 * measuring them would mount more in the same task.
 */
const ESTIMATED_HEIGHT = 56;
const GAP = 8;

/**
 * The messages themselves, mounted once there are some: the virtualizer then starts at the newest ones
 * rather than laying out the oldest first and the newest in a second, synchronous pass.
 */
function Rows({
  rows,
  label,
  scroller,
  list,
  above,
  atBottom,
}: {
  rows: readonly Message[];
  label: string;
  scroller: RefObject<HTMLDivElement | null>;
  list: RefObject<HTMLOListElement | null>;
  /** What stands above the list ("Load older", a spinner, an error): when it changes, the list may move. */
  above: string;
  atBottom: RefObject<boolean>;
}) {
  // Read once, at mount: only the first render uses it, and reading it may force a layout. The screen around
  // was committed (and usually painted) before the rows render, so its layout is done by then.
  const [initialRect] = useState(() => ({
    width: scroller.current?.clientWidth ?? 0,
    height: scroller.current?.clientHeight ?? 0,
  }));
  // The list starts below "Load older" (or what shows while loading): the virtualizer counts from the top of
  // the scrolling box. Read first from the empty list that stands where this one mounts, and again only when
  // what stands above changes: reading it forces a layout.
  const [listTop, setListTop] = useState(() => list.current?.offsetTop ?? 0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `above` says when the list may have moved
  useLayoutEffect(() => {
    const top = list.current?.offsetTop ?? 0;
    if (top !== listTop) setListTop(top);
  }, [above]);
  // Before the virtualizer's own layout effect (declared inside `useVirtualizer`, below) first reads where
  // the box is scrolled to: at the end, where the first rows rendered already are.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [scroller]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_HEIGHT,
    overscan: 10,
    gap: GAP,
    scrollMargin: listTop,
    getItemKey: (index) => rows[index]!.id,
    // The box is already on screen (the list mounts after it), so its size is known; the first offset is
    // the end of the list as estimated.
    initialRect,
    initialOffset: () =>
      Math.max(
        0,
        listTop +
          rows.length * (ESTIMATED_HEIGHT + GAP) -
          GAP +
          PADDING_BOTTOM -
          (scroller.current?.clientHeight ?? 0),
      ),
  });

  const firstId = rows[0]?.id;
  const lastId = rows.at(-1)?.id;
  // What the last layout showed; nothing yet, so the first page scrolls to the newest message.
  const shown = useRef<{ firstId?: string; lastId?: string; height: number }>({ height: 0 });
  useLayoutEffect(() => {
    const height = virtualizer.getTotalSize();
    const before = shown.current;
    shown.current = { firstId, lastId, height };
    const el = scroller.current;
    if (!el || !lastId) return;
    if (lastId !== before.lastId) {
      // A new message (or the first page): keep the newest in view.
      atBottom.current = true;
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    } else if (firstId !== before.firstId) {
      // Older messages came in above: keep what is on screen where it is.
      el.scrollTop += height - before.height;
    }
  });

  return (
    <ol ref={list} aria-label={label} className="relative" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const message = rows[item.index]!;
        return (
          <VirtualRow
            key={item.key}
            item={item}
            measure={virtualizer.measureElement}
            offset={listTop}
            className={cx('flex', message.direction === 'out' ? 'justify-end' : 'justify-start')}
            data-testid="bubble"
            data-direction={message.direction}
            data-message-id={message.id}
          >
            <Bubble message={message} />
          </VirtualRow>
        );
      })}
    </ol>
  );
}
