import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { BookUser } from 'lucide-react';
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { ListNotice } from '../../components/list-notice.tsx';
import { SearchField } from '../../components/search-field.tsx';
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
        <SearchField
          label={t('contacts.search')}
          placeholder={t('contacts.searchPlaceholder')}
          value={search}
          onChange={setSearch}
          className="md:max-w-sm"
        />
      </div>
      {query.isLoading ? <LoadingBlock label={t('contacts.loading')} /> : null}
      {query.error ? (
        <div className="p-4">
          <ErrorNotice>{errorMessage(query.error)}</ErrorNotice>
        </div>
      ) : null}
      {query.data && contacts.length === 0 ? (
        <ListNotice icon={BookUser} title={term ? t('contacts.noMatch') : t('contacts.none')}>
          {term ? t('contacts.noMatchBody') : t('contacts.noneBody')}
        </ListNotice>
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
