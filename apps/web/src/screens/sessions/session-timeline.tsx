import { History } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LiveMark } from '../../components/live-mark.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { withEntry } from '../../lib/history.ts';
import { useNow } from '../../live/use-now.ts';
import { trpc } from '../../trpc.ts';
import { HistoryLine } from './history-line.tsx';

const PAGE_SIZE = 20;

/**
 * A session's timeline, newest first, from the server's history — so it outlives this page and a restart —
 * kept live by `sessions.onHistory`, with older entries a page at a time.
 */
export function SessionTimeline({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const now = useNow(30_000);
  const input = { id: sessionId, limit: PAGE_SIZE };
  const query = trpc.sessions.history.useInfiniteQuery(input, {
    getNextPageParam: (last) => last.nextCursor,
    staleTime: Number.POSITIVE_INFINITY,
  });
  // The stream resumes after the newest entry first read ('0': all of them), so nothing falls between the two.
  const [since, setSince] = useState<string | null>(null);
  const loaded = query.data?.pages[0];
  if (loaded && since === null) setSince(loaded.items[0]?.id ?? '0');

  trpc.sessions.onHistory.useSubscription(since === null ? undefined : { sessionId, lastEventId: since }, {
    enabled: since !== null,
    onData: ({ data: entry }) =>
      utils.sessions.history.setInfiniteData(input, (data) => (data ? withEntry(data, entry) : data)),
  });

  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card aria-labelledby="events-title">
      <CardHeader title={t('sessions.detail.events')} id="events-title" action={<LiveMark />} />
      {query.isLoading ? <LoadingBlock label={t('sessions.detail.eventsLoading')} /> : null}
      {query.error ? (
        <div className="p-5">
          <ErrorNotice>{errorMessage(query.error)}</ErrorNotice>
        </div>
      ) : null}
      {query.data && entries.length === 0 ? (
        <div className="flex flex-col items-center gap-2 px-5 py-10 text-center text-sm text-zinc-500 dark:text-zinc-400">
          <History aria-hidden className="size-5" />
          {t('sessions.detail.eventsEmpty')}
        </div>
      ) : null}
      {entries.length > 0 ? (
        <div className="max-h-[28rem] overflow-y-auto px-5 py-3">
          <ol aria-label={t('sessions.detail.eventsList')} data-testid="timeline">
            {entries.map((entry) => (
              <li key={entry.id}>
                <HistoryLine entry={entry} now={now} />
              </li>
            ))}
          </ol>
          {query.hasNextPage ? (
            <Button
              size="sm"
              variant="ghost"
              className="mt-2"
              loading={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              {t('sessions.detail.eventsOlder')}
            </Button>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
