import { ArrowUpRight, CircleCheckBig, Play, QrCode, RotateCw } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { Phone } from '../../components/phone.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { sayCoded } from '../../lib/coded.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import type { AttentionItem, Session } from '../../lib/types.ts';
import { useNow } from '../../live/use-now.ts';
import { Link } from '../../router.tsx';
import { trpc } from '../../trpc.ts';
import { useOpenQr } from '../sessions/qr-dialog-host.tsx';
import { useSessionCache } from '../sessions/session-cache.ts';

/** Accounts that need someone, each with the one action most likely to help and a way to its page. */
export function AttentionList({ items, error }: { items: AttentionItem[] | undefined; error: unknown }) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  return (
    <Card aria-labelledby="attention-title">
      <CardHeader title={t('overview.attention.title')} id="attention-title" />
      {error ? (
        <div className="p-5">
          <ErrorNotice>{errorMessage(error)}</ErrorNotice>
        </div>
      ) : null}
      {items === undefined && !error ? <ListSkeleton /> : null}
      {items?.length === 0 ? (
        <div className="flex items-center gap-3 px-5 py-6 text-sm text-zinc-600 dark:text-zinc-400">
          <CircleCheckBig aria-hidden className="size-5 shrink-0 text-emerald-600 dark:text-emerald-400" />
          {t('overview.attention.allWell')}
        </div>
      ) : null}
      {items && items.length > 0 ? (
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {items.map((item) => (
            <AttentionRow key={item.sessionId} item={item} now={now} />
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

function AttentionRow({ item, now }: { item: AttentionItem; now: number }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const cache = useSessionCache();
  const openQr = useOpenQr();
  const [error, setError] = useState<string | null>(null);
  const done = {
    onSuccess: (session: Session) => {
      setError(null);
      cache.put(session);
      void utils.stats.invalidate();
    },
    onError: (e: unknown) => setError(errorMessage(e)),
  };
  const start = trpc.sessions.start.useMutation(done);
  const restart = trpc.sessions.restart.useMutation(done);
  const id = { id: item.sessionId };
  // Without a phone the start ends at a QR code: open it at once so it can be scanned.
  const startAndLink = () => {
    setError(null);
    start.mutate(id);
    if (item.kind === 'logged_out' || !item.phone) openQr(item.sessionId, { starting: true });
  };

  let action: React.ReactNode = null;
  if (item.kind === 'logged_out')
    action = (
      <Button size="sm" variant="primary" icon={QrCode} loading={start.isPending} onClick={startAndLink}>
        {t('overview.attention.linkAgain')}
      </Button>
    );
  else if (item.kind === 'failed')
    action = (
      <Button size="sm" variant="primary" icon={Play} loading={start.isPending} onClick={startAndLink}>
        {t('overview.attention.startAgain')}
      </Button>
    );
  else if (item.kind === 'stuck')
    action = (
      <Button
        size="sm"
        variant="primary"
        icon={RotateCw}
        loading={restart.isPending}
        onClick={() => {
          setError(null);
          restart.mutate(id);
        }}
      >
        {t('overview.attention.restart')}
      </Button>
    );

  return (
    <li
      className="px-5 py-4"
      data-testid="attention-item"
      data-session-id={item.sessionId}
      data-kind={item.kind}
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <Link
              to={{ name: 'session', id: item.sessionId }}
              className="truncate font-medium hover:underline"
            >
              {item.name}
            </Link>
            <StatusBadge status={item.status} />
          </div>
          <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
            <span className="font-medium">{t(`overview.attention.kinds.${item.kind}`)}:</span>{' '}
            <span data-testid="attention-reason">{sayCoded(item.reason, item.reasonCoded)}</span>
          </p>
          <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
            {item.phone ? (
              <>
                <Phone digits={item.phone} />
                {' · '}
              </>
            ) : null}
            {item.kind === 'limited' && item.until
              ? t('overview.attention.until', { when: formatDateTime(item.until) })
              : t('overview.attention.since', { when: formatRelative(item.since, now) })}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {action}
          <Link
            to={{ name: 'session', id: item.sessionId }}
            className="inline-flex h-8 items-center gap-1 rounded-md px-2.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            {t('overview.attention.open')}
            <ArrowUpRight aria-hidden className="size-4 rtl:-scale-x-100" />
          </Link>
        </div>
      </div>
      {error ? (
        <div className="mt-3">
          <ErrorNotice>{error}</ErrorNotice>
        </div>
      ) : null}
    </li>
  );
}

export function ListSkeleton() {
  const { t } = useTranslation();
  return (
    <div role="status" aria-label={t('overview.attention.loading')} className="space-y-4 p-5">
      {[0, 1].map((i) => (
        <div key={i} className="space-y-2">
          <div className="h-4 w-1/3 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
          <div className="h-3 w-2/3 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
        </div>
      ))}
    </div>
  );
}
