import type { ReactNode } from 'react';
import { cx } from '../../components/cx.ts';
import { TONE_DOT } from '../../components/tone.ts';
import { formatDateTime, formatLogTime } from '../../lib/format.ts';
import { describeHistory } from '../../lib/session-events.ts';
import type { HistoryEntry } from '../../lib/types.ts';

/** One history entry: a dot in its tone, what happened, the server's detail, and when; `account` names whose. */
export function HistoryLine({
  entry,
  now,
  account,
}: {
  entry: HistoryEntry;
  now: number;
  account?: ReactNode;
}) {
  const { title, detail, tone } = describeHistory(entry);
  return (
    <div className="flex gap-3 py-2 ps-1" data-testid="history-entry" data-type={entry.type}>
      <span
        aria-hidden
        className={cx(
          'mt-1.5 size-2.5 shrink-0 rounded-full ring-4 ring-white dark:ring-zinc-900',
          TONE_DOT[tone],
        )}
      />
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-baseline justify-between gap-x-3">
          <span className="min-w-0 text-sm font-medium break-words">
            {title}
            {account ? (
              <span className="font-normal text-zinc-500 dark:text-zinc-400"> · {account}</span>
            ) : null}
          </span>
          <time
            className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400"
            dateTime={new Date(entry.at).toISOString()}
            title={formatDateTime(entry.at)}
          >
            {formatLogTime(entry.at, now)}
          </time>
        </p>
        {detail ? (
          // Recorded by the server as it happened: a reason, a recipient and an error.
          <p dir="auto" className="text-sm break-words text-zinc-600 dark:text-zinc-400">
            {detail}
          </p>
        ) : null}
      </div>
    </div>
  );
}
