import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { BookUser, Search } from 'lucide-react';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { cx } from '../../components/cx.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { selectClass } from '../../components/field.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { errorMessage } from '../../lib/errors.ts';
import type { ContactPage, Session } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';
import { ContactRow } from './contact-row.tsx';

const PAGE_SIZE = 100;

/** The visible accounts' contacts (or one account's), alphabetically, searchable by name or number. */
export function ContactList({
  sessionId,
  sessions,
}: {
  sessionId: string | null;
  sessions: readonly Session[];
}) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [search, setSearch] = useState('');
  const term = useDeferredValue(search).trim();
  const searchId = useId();
  const input = { sessionId, search: term || null, limit: PAGE_SIZE };
  // Pages by offset under tRPC's key for the procedure, so a rename's invalidation reaches every page.
  const query = useInfiniteQuery({
    queryKey: getQueryKey(trpc.contacts.list, input, 'infinite'),
    queryFn: ({ pageParam }) => utils.client.contacts.list.query({ ...input, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last: ContactPage) => last.nextOffset,
    placeholderData: keepPreviousData,
  });
  const contacts = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const sessionsById = useMemo(() => new Map(sessions.map((s) => [s.id, s] as const)), [sessions]);

  return (
    <Card className="overflow-hidden">
      <div className="border-b border-zinc-100 p-3 dark:border-zinc-800">
        <div className="relative md:max-w-sm">
          <label htmlFor={searchId} className="sr-only">
            {t('contacts.search')}
          </label>
          <Search
            aria-hidden
            className="pointer-events-none absolute start-3 top-1/2 size-4 -translate-y-1/2 text-zinc-400"
          />
          <input
            id={searchId}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t('contacts.searchPlaceholder')}
            className={cx(selectClass, 'ps-9 pe-3')}
          />
        </div>
      </div>
      {query.isLoading ? <LoadingBlock label={t('contacts.loading')} /> : null}
      {query.error ? (
        <div className="p-4">
          <ErrorNotice>{errorMessage(query.error)}</ErrorNotice>
        </div>
      ) : null}
      {query.data && contacts.length === 0 ? (
        <div className="flex flex-col items-center gap-2 px-6 py-14 text-center">
          <BookUser aria-hidden className="size-6 text-zinc-400" />
          <p className="text-sm font-medium">{term ? t('contacts.noMatch') : t('contacts.none')}</p>
          <p className="max-w-sm text-sm text-zinc-500 dark:text-zinc-400">
            {term ? t('contacts.noMatchBody') : t('contacts.noneBody')}
          </p>
        </div>
      ) : null}
      {contacts.length > 0 ? (
        <ul aria-label={t('contacts.list')} className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {contacts.map((contact) => (
            <ContactRow
              key={contact.id}
              contact={contact}
              account={sessionId ? null : (sessionsById.get(contact.accountId) ?? null)}
            />
          ))}
        </ul>
      ) : null}
      {query.hasNextPage ? (
        <div className="border-t border-zinc-100 p-3 text-center dark:border-zinc-800">
          <Button
            size="sm"
            variant="ghost"
            loading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {t('contacts.more')}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
