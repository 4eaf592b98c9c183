import { ChevronDown } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { selectClass } from '../../components/field.tsx';
import { deviceSetting } from '../../lib/device-setting.ts';
import type { StatusFilter } from '../../lib/inbox.ts';

/** Which conversations the list shows, remembered on this device: open ones by default. */
export const statusFilter = deviceSetting<StatusFilter>(
  'switchboard.inbox.status',
  ['open', 'resolved', 'all'],
  'open',
);

export type AssigneeChoice = 'anyone' | 'me' | 'none';
export const assigneeFilter = deviceSetting<AssigneeChoice>(
  'switchboard.inbox.assignee',
  ['anyone', 'me', 'none'],
  'anyone',
);

const STATUSES: readonly StatusFilter[] = ['open', 'resolved', 'all'];

/** Open / Resolved / All, and whose conversations: the filters above the list. */
export function InboxFilters() {
  const { t } = useTranslation();
  const [status, setStatus] = statusFilter.use();
  const [assignee, setAssignee] = assigneeFilter.use();
  const assigneeId = useId();
  return (
    <div className="space-y-3">
      <fieldset className="flex rounded-lg bg-zinc-100 p-1 dark:bg-zinc-800">
        <legend className="sr-only">{t('inbox.filters.status')}</legend>
        {STATUSES.map((value) => (
          <button
            key={value}
            type="button"
            aria-pressed={status === value}
            onClick={() => setStatus(value)}
            className={cx(
              'flex-1 rounded-md px-2.5 py-1 text-sm font-medium transition-colors',
              status === value
                ? 'bg-white text-zinc-900 shadow-sm dark:bg-zinc-950 dark:text-white'
                : 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white',
            )}
          >
            {t(`inbox.filters.${value}`)}
          </button>
        ))}
      </fieldset>
      <div className="relative">
        <label htmlFor={assigneeId} className="sr-only">
          {t('inbox.filters.assignee')}
        </label>
        <select
          id={assigneeId}
          value={assignee}
          onChange={(e) => setAssignee(e.target.value as AssigneeChoice)}
          className={selectClass}
        >
          <option value="anyone">{t('inbox.filters.anyone')}</option>
          <option value="me">{t('inbox.filters.mine')}</option>
          <option value="none">{t('inbox.filters.unassigned')}</option>
        </select>
        <ChevronDown
          aria-hidden
          className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-zinc-500"
        />
      </div>
    </div>
  );
}
