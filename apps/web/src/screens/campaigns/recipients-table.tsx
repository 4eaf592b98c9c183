import { RECIPIENT_STATES } from '@switchboard/validators';
import { keepPreviousData } from '@tanstack/react-query';
import { ChevronDown, MessageCircleReply, Search } from 'lucide-react';
import { useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { cx } from '../../components/cx.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { selectClass } from '../../components/field.tsx';
import { Phone } from '../../components/phone.tsx';
import { TONE_BADGE } from '../../components/tone.ts';
import { RECIPIENT_STATE_META } from '../../lib/campaigns.ts';
import { sayCoded } from '../../lib/coded.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatCount, formatDateTime } from '../../lib/format.ts';
import type { CampaignRecipient } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';

const PAGE = 50;
type State = CampaignRecipient['state'];

const inputClass =
  'block h-9 w-full rounded-lg border-0 bg-white py-1.5 text-sm text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-emerald-600 focus:outline-none dark:bg-zinc-950 dark:text-zinc-100 dark:ring-zinc-700';

function StateBadge({ state }: { state: State }) {
  // Subscribed to the language: the label is read from the catalogue shown now.
  useTranslation();
  const meta = RECIPIENT_STATE_META[state];
  return (
    <span
      data-testid="recipient-state"
      className={cx(
        'inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        TONE_BADGE[meta.tone],
      )}
    >
      {meta.label}
    </span>
  );
}

/** Every recipient in sending order, with search by number or name and a filter by state, a page at a time. */
export function RecipientsTable({ campaignId, className }: { campaignId: string; className?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [state, setState] = useState<State | null>(null);
  const [offset, setOffset] = useState(0);
  const deferredSearch = useDeferredValue(search.trim());
  const searchId = useId();
  const stateId = useId();
  const query = trpc.campaigns.recipients.useQuery(
    { id: campaignId, search: deferredSearch || null, state, limit: PAGE, offset },
    { placeholderData: keepPreviousData },
  );
  const page = query.data;

  return (
    <Card className={className} aria-labelledby="recipients-title">
      <div className="flex flex-col gap-3 border-b border-zinc-100 px-5 py-3.5 sm:flex-row sm:items-center sm:justify-between dark:border-zinc-800">
        <h2 id="recipients-title" className="text-sm font-semibold">
          {t('audience.recipients.title')}
          {page ? (
            <span className="ms-2 font-normal text-zinc-500 tabular-nums">{formatCount(page.total)}</span>
          ) : null}
        </h2>
        <div className="flex gap-2">
          <div className="relative w-full sm:w-64">
            <label htmlFor={searchId} className="sr-only">
              {t('audience.recipients.search')}
            </label>
            <Search
              aria-hidden
              className="pointer-events-none absolute start-2.5 top-1/2 size-4 -translate-y-1/2 text-zinc-400"
            />
            <input
              id={searchId}
              type="search"
              placeholder={t('audience.recipients.searchPlaceholder')}
              className={cx(inputClass, 'ps-8')}
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                setOffset(0);
              }}
            />
          </div>
          <div className="relative w-40 shrink-0">
            <label htmlFor={stateId} className="sr-only">
              {t('audience.recipients.state')}
            </label>
            <select
              id={stateId}
              className={cx(selectClass, 'h-9 py-1.5')}
              value={state ?? ''}
              onChange={(e) => {
                setState(RECIPIENT_STATES.find((s) => s === e.target.value) ?? null);
                setOffset(0);
              }}
            >
              <option value="">{t('audience.recipients.everyState')}</option>
              {RECIPIENT_STATES.map((s) => (
                <option key={s} value={s}>
                  {RECIPIENT_STATE_META[s].label}
                </option>
              ))}
            </select>
            <ChevronDown
              aria-hidden
              className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-zinc-500"
            />
          </div>
        </div>
      </div>
      {query.error ? <ErrorNotice className="m-4">{errorMessage(query.error)}</ErrorNotice> : null}
      <div className="overflow-x-auto">
        <table className="w-full text-start text-sm" aria-label={t('audience.recipients.title')}>
          <thead className="text-xs text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="px-5 py-2.5 font-medium">{t('audience.recipients.number')}</th>
              <th className="px-3 py-2.5 font-medium">{t('audience.recipients.name')}</th>
              <th className="px-3 py-2.5 font-medium">{t('audience.recipients.state')}</th>
              <th className="hidden px-3 py-2.5 font-medium md:table-cell">
                {t('audience.recipients.sent')}
              </th>
              <th className="hidden px-5 py-2.5 font-medium lg:table-cell">
                {t('audience.recipients.note')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {page?.items.map((r) => (
              <tr key={r.id} data-testid="recipient-row">
                <td className="px-5 py-2.5 whitespace-nowrap">
                  <Phone digits={r.phone} />
                </td>
                <td className="max-w-48 truncate px-3 py-2.5">
                  {r.name ?? <span className="text-zinc-400">—</span>}
                </td>
                <td className="px-3 py-2.5">
                  <span className="inline-flex items-center gap-1.5">
                    <StateBadge state={r.state} />
                    {r.repliedAt ? (
                      <MessageCircleReply
                        aria-label={t('audience.recipients.replied')}
                        className="size-4 text-emerald-600 dark:text-emerald-400"
                      />
                    ) : null}
                  </span>
                </td>
                <td className="hidden px-3 py-2.5 text-xs whitespace-nowrap text-zinc-600 md:table-cell dark:text-zinc-400">
                  {r.sentAt ? formatDateTime(r.sentAt) : ''}
                </td>
                <td className="hidden max-w-72 truncate px-5 py-2.5 text-xs text-zinc-600 lg:table-cell dark:text-zinc-400">
                  {sayCoded(r.error, r.errorCoded) ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {page && page.items.length === 0 ? (
          <p className="px-5 py-8 text-center text-sm text-zinc-500">{t('audience.recipients.noMatch')}</p>
        ) : null}
      </div>
      {page && page.total > PAGE ? (
        <div className="flex items-center justify-between border-t border-zinc-100 px-5 py-3 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <span className="tabular-nums">
            {t('audience.recipients.range', {
              from: formatCount(offset + 1),
              to: formatCount(offset + page.items.length),
              total: formatCount(page.total),
            })}
          </span>
          <div className="flex gap-2">
            <Button size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('audience.recipients.previous')}
            </Button>
            <Button
              size="sm"
              disabled={page.nextOffset === null}
              onClick={() => setOffset(page.nextOffset ?? offset)}
            >
              {t('audience.recipients.next')}
            </Button>
          </div>
        </div>
      ) : null}
    </Card>
  );
}
