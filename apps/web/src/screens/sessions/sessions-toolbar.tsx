import { SESSION_STATUSES, type SessionSort } from '@switchboard/validators';
import { ChevronDown, LayoutGrid, Rows3, Search } from 'lucide-react';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { inputClass, selectClass } from '../../components/field.tsx';
import type { SessionFilter } from '../../lib/session-filter.ts';
import { engineLabel } from '../../lib/session-status.ts';
import type { EngineName } from '../../lib/types.ts';

export type SessionsView = 'cards' | 'table';

/** The orders on offer: a sort and its direction, as one choice. */
const ORDERS = [
  ['created', 'asc', 'created_asc'],
  ['created', 'desc', 'created_desc'],
  ['name', 'asc', 'name_asc'],
  ['name', 'desc', 'name_desc'],
  ['phone', 'asc', 'phone_asc'],
  ['lastConnected', 'desc', 'lastConnected_desc'],
  ['attention', 'asc', 'attention_asc'],
] as const satisfies ReadonlyArray<readonly [SessionSort, 'asc' | 'desc', string]>;

/** Search, filters, order and the choice of cards or a table, above the sessions. */
export function SessionsToolbar({
  filter,
  onChange,
  engines,
  owners,
  view,
  onViewChange,
}: {
  filter: SessionFilter;
  onChange: (filter: SessionFilter) => void;
  engines: readonly EngineName[];
  /** The owners to filter by: admins only (null for everyone else). */
  owners: ReadonlyArray<{ id: string; name: string }> | null;
  view: SessionsView;
  onViewChange: (view: SessionsView) => void;
}) {
  const { t } = useTranslation();
  const set = (changes: Partial<SessionFilter>) => onChange({ ...filter, ...changes });

  return (
    <div className="flex flex-col gap-3 lg:flex-row lg:items-end">
      <label className="relative block min-w-0 lg:w-60 lg:shrink-0">
        <span className="sr-only">{t('sessionTools.search')}</span>
        <Search
          aria-hidden
          className="pointer-events-none absolute start-3 top-1/2 size-4 -translate-y-1/2 text-zinc-400"
        />
        <input
          type="search"
          value={filter.search}
          onChange={(e) => set({ search: e.target.value })}
          placeholder={t('sessionTools.searchPlaceholder')}
          className={cx(inputClass, 'ps-9')}
        />
      </label>
      <div className="grid min-w-0 grid-cols-2 gap-2 sm:grid-cols-4 lg:flex lg:flex-1">
        <Choice label={t('sessionTools.status')}>
          {(id) => (
            <select
              id={id}
              className={selectClass}
              value={filter.status ?? ''}
              onChange={(e) => set({ status: SESSION_STATUSES.find((s) => s === e.target.value) ?? null })}
            >
              <option value="">{t('sessionTools.anyStatus')}</option>
              {SESSION_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`sessions.status.${status}.label`)}
                </option>
              ))}
            </select>
          )}
        </Choice>
        <Choice label={t('sessionTools.engine')}>
          {(id) => (
            <select
              id={id}
              className={selectClass}
              value={filter.engine ?? ''}
              onChange={(e) => set({ engine: engines.find((n) => n === e.target.value) ?? null })}
            >
              <option value="">{t('sessionTools.anyEngine')}</option>
              {engines.map((engine) => (
                <option key={engine} value={engine}>
                  {engineLabel(engine)}
                </option>
              ))}
            </select>
          )}
        </Choice>
        {owners ? (
          <Choice label={t('sessionTools.owner')}>
            {(id) => (
              <select
                id={id}
                className={selectClass}
                value={filter.ownerId ?? ''}
                onChange={(e) => set({ ownerId: e.target.value || null })}
              >
                <option value="">{t('sessionTools.anyOwner')}</option>
                {owners.map((owner) => (
                  <option key={owner.id} value={owner.id}>
                    {owner.name}
                  </option>
                ))}
              </select>
            )}
          </Choice>
        ) : null}
        <Choice label={t('sessionTools.sort')}>
          {(id) => (
            <select
              id={id}
              className={selectClass}
              value={`${filter.sort}:${filter.order}`}
              onChange={(e) => {
                const [sort, order] = ORDERS.find(([s, o]) => `${s}:${o}` === e.target.value) ?? ORDERS[0];
                set({ sort, order });
              }}
            >
              {ORDERS.map(([sort, order, label]) => (
                <option key={`${sort}:${order}`} value={`${sort}:${order}`}>
                  {t(`sessionTools.orders.${label}`)}
                </option>
              ))}
            </select>
          )}
        </Choice>
      </div>
      <fieldset className="flex shrink-0 self-start rounded-lg bg-zinc-100 p-0.5 lg:self-end dark:bg-zinc-800">
        <legend className="sr-only">{t('sessionTools.view')}</legend>
        {(
          [
            ['cards', LayoutGrid, t('sessionTools.cards')],
            ['table', Rows3, t('sessionTools.table')],
          ] as const
        ).map(([value, Icon, label]) => (
          <button
            key={value}
            type="button"
            aria-pressed={view === value}
            onClick={() => onViewChange(value)}
            className={cx(
              'inline-flex h-9 items-center gap-1.5 rounded-md px-3 text-sm font-medium',
              view === value
                ? 'bg-white text-zinc-900 shadow-sm dark:bg-zinc-950 dark:text-white'
                : 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white',
            )}
          >
            <Icon aria-hidden className="size-4" />
            {label}
          </button>
        ))}
      </fieldset>
    </div>
  );
}

/** A labelled select of the toolbar, its label small above it. */
function Choice({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="min-w-0 lg:flex-1">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400">
        {label}
      </label>
      <span className="relative block">
        {children(id)}
        <ChevronDown
          aria-hidden
          className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-zinc-500"
        />
      </span>
    </div>
  );
}
