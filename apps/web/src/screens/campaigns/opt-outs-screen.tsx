import { keepPreviousData } from '@tanstack/react-query';
import { Ban, FileUp, Search, Trash2 } from 'lucide-react';
import { useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextAreaField } from '../../components/field.tsx';
import { Phone } from '../../components/phone.tsx';
import { SessionSelect } from '../../components/session-select.tsx';
import { LoadingBlock } from '../../components/spinner.tsx';
import { useToast } from '../../components/toaster.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatCount, formatDate, formatPhone } from '../../lib/format.ts';
import { useSessions } from '../../live/use-sessions.ts';
import { navigate } from '../../router.tsx';
import { trpc } from '../../trpc.ts';
import { PageHeader } from '../page-header.tsx';
import { BackLink } from './campaign-parts.tsx';
import { OptOutSettings } from './opt-out-settings.tsx';

const parsePhones = (text: string) =>
  text
    .split(/[\n,;]/)
    .map((p) => p.trim())
    .filter(Boolean);

function AddNumbers({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const toast = useToast();
  const [text, setText] = useState('');
  const fileId = useId();
  const done = (r: { added: number; already: number; invalid: number }) => {
    void utils.optOuts.list.invalidate({ sessionId });
    setText('');
    toast.success(
      [
        t('audience.optOuts.added', { count: r.added }),
        r.already ? t('audience.optOuts.already', { count: r.already }) : null,
        r.invalid ? t('audience.optOuts.invalid', { count: r.invalid }) : null,
      ]
        .filter(Boolean)
        .join(' '),
    );
  };
  const add = trpc.optOuts.add.useMutation({ onSuccess: done });
  const importCsv = trpc.optOuts.import.useMutation({ onSuccess: done });
  const error = add.error ?? importCsv.error;
  return (
    <Card aria-labelledby="opt-out-add">
      <CardHeader title={t('audience.optOuts.addTitle')} id="opt-out-add" />
      <div className="space-y-3 px-5 py-4">
        <TextAreaField
          label={t('audience.optOuts.numbers')}
          hint={t('audience.optOuts.numbersHint')}
          dir="ltr"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {error ? <ErrorNotice>{errorMessage(error)}</ErrorNotice> : null}
        <div className="flex flex-wrap justify-end gap-2">
          <label
            htmlFor={fileId}
            className="inline-flex h-10 cursor-pointer items-center gap-2 rounded-lg bg-white px-4 text-sm font-medium text-zinc-800 shadow-sm ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700"
          >
            <FileUp aria-hidden className="size-4" />
            {t('audience.optOuts.importCsv')}
          </label>
          <input
            id={fileId}
            type="file"
            accept=".csv,.txt,text/csv"
            className="sr-only"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) importCsv.mutate({ sessionId, csv: await file.text() });
            }}
          />
          <Button
            variant="primary"
            loading={add.isPending}
            disabled={parsePhones(text).length === 0}
            onClick={() => add.mutate({ sessionId, phones: parsePhones(text) })}
          >
            {t('audience.optOuts.add')}
          </Button>
        </div>
      </div>
    </Card>
  );
}

function SuppressionList({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  const utils = trpc.useUtils();
  const searchId = useId();
  const list = trpc.optOuts.list.useQuery(
    { sessionId, search: deferred || null, limit: 200, offset: 0 },
    { placeholderData: keepPreviousData },
  );
  const remove = trpc.optOuts.remove.useMutation({
    onSuccess: () => void utils.optOuts.list.invalidate({ sessionId }),
  });
  return (
    <Card aria-labelledby="opt-out-list">
      <CardHeader
        title={
          list.data
            ? t('audience.optOuts.listTitleCount', { total: formatCount(list.data.total) })
            : t('audience.optOuts.listTitle')
        }
        id="opt-out-list"
        action={
          <div className="relative w-56">
            <label htmlFor={searchId} className="sr-only">
              {t('audience.optOuts.search')}
            </label>
            <Search
              aria-hidden
              className="pointer-events-none absolute start-2.5 top-1/2 size-4 -translate-y-1/2 text-zinc-400"
            />
            <input
              id={searchId}
              type="search"
              placeholder={t('audience.optOuts.searchPlaceholder')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              className="block h-8 w-full rounded-md border-0 bg-white ps-8 text-sm ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-emerald-600 focus:outline-none dark:bg-zinc-950 dark:ring-zinc-700"
            />
          </div>
        }
      />
      {list.error ? <ErrorNotice className="m-4">{errorMessage(list.error)}</ErrorNotice> : null}
      {remove.error ? <ErrorNotice className="m-4">{errorMessage(remove.error)}</ErrorNotice> : null}
      {list.data && list.data.items.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-zinc-500">
          {deferred ? t('audience.optOuts.nobodyMatches') : t('audience.optOuts.nobody')}
        </p>
      ) : null}
      <ul
        className="max-h-[32rem] divide-y divide-zinc-100 overflow-y-auto dark:divide-zinc-800"
        aria-label={t('audience.optOuts.list')}
      >
        {list.data?.items.map((s) => (
          <li key={s.phone} className="flex items-center justify-between gap-3 px-5 py-2.5 text-sm">
            <div className="min-w-0">
              <p className="font-medium">
                <Phone digits={s.phone} />
              </p>
              <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                {t(`audience.optOuts.sources.${s.source}`)} · {formatDate(s.createdAt)}
                {s.note ? ` · ${s.note}` : ''}
              </p>
            </div>
            <Button
              size="sm"
              variant="danger-ghost"
              icon={Trash2}
              aria-label={t('audience.optOuts.remove', { phone: formatPhone(s.phone) })}
              onClick={() => remove.mutate({ sessionId, phone: s.phone })}
            >
              {t('audience.optOuts.removeButton')}
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** Each account's suppression list: nobody on it gets a campaign message from that account. */
export function OptOutsScreen({ sessionId }: { sessionId: string | null }) {
  const { t } = useTranslation();
  const { sessions, isLoading, error } = useSessions();
  const selectId = useId();
  const chosen = sessions?.find((s) => s.id === sessionId) ?? sessions?.[0] ?? null;
  return (
    <>
      <PageHeader
        title={t('audience.optOuts.title')}
        description={t('audience.optOuts.description')}
        action={
          sessions && sessions.length > 0 ? (
            <div className="w-72">
              <label htmlFor={selectId} className="sr-only">
                {t('audience.optOuts.account')}
              </label>
              <SessionSelect
                id={selectId}
                sessions={sessions}
                value={chosen?.id ?? null}
                onChange={(id) => id && navigate({ name: 'opt-outs', sessionId: id }, { replace: true })}
              />
            </div>
          ) : null
        }
      >
        <BackLink to={{ name: 'campaigns' }}>{t('campaigns.detail.back')}</BackLink>
      </PageHeader>
      {error ? <ErrorNotice>{errorMessage(error)}</ErrorNotice> : null}
      {isLoading ? <LoadingBlock label={t('sessions.list.loading')} /> : null}
      {sessions && !chosen ? (
        <EmptyState icon={Ban} title={t('audience.optOuts.noAccountTitle')}>
          {t('audience.optOuts.noAccountBody')}
        </EmptyState>
      ) : null}
      {chosen ? (
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <SuppressionList key={chosen.id} sessionId={chosen.id} />
          <div className="space-y-6">
            <AddNumbers key={chosen.id} sessionId={chosen.id} />
            <OptOutSettings sessionId={chosen.id} />
          </div>
        </div>
      ) : null}
    </>
  );
}
