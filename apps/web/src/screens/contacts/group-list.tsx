import { RefreshCw, UsersRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { initials } from '../../lib/format.ts';
import type { Session } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';

/** The groups a connected account is in, as WhatsApp lists them now, with how many members each has. */
export function GroupList({ session }: { session: Session }) {
  const { t } = useTranslation();
  const groups = trpc.sessions.groups.useQuery({ id: session.id }, { retry: false });
  const refresh = (
    <Button
      size="sm"
      variant="ghost"
      icon={RefreshCw}
      loading={groups.isFetching}
      onClick={() => void groups.refetch()}
    >
      {t('contacts.groups.refresh')}
    </Button>
  );

  if (groups.isLoading) return <LoadingBlock label={t('contacts.groups.loading')} />;
  if (groups.error) return <ErrorNotice>{errorMessage(groups.error)}</ErrorNotice>;
  if (!groups.data || groups.data.length === 0)
    return (
      <EmptyState icon={UsersRound} title={t('contacts.groups.none')} action={refresh}>
        {t('contacts.groups.noneBody', { name: session.name })}
      </EmptyState>
    );
  return (
    <Card className="overflow-hidden">
      <CardHeader title={t('contacts.groups.title', { count: groups.data.length })} action={refresh} />
      <ul aria-label={t('contacts.groups.list')} className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {groups.data.map((group) => (
          <li key={group.id} className="flex items-center gap-3 px-4 py-3 sm:px-5" data-testid="group">
            <span
              aria-hidden
              className="flex size-10 shrink-0 items-center justify-center rounded-full bg-emerald-50 text-sm font-semibold text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300"
            >
              {initials(group.name)}
            </span>
            <div className="min-w-0 flex-1">
              <p dir="auto" className="truncate text-sm font-medium">
                {group.name}
              </p>
              <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                <bdi dir="ltr">{group.id}</bdi>
              </p>
            </div>
            <span className="shrink-0 rounded-full bg-zinc-100 px-2.5 py-0.5 text-xs font-medium text-zinc-700 tabular-nums dark:bg-zinc-800 dark:text-zinc-300">
              {t('contacts.groups.members', { count: group.participants })}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
