import { ChevronDown, UserRound } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { selectClass } from '../../components/field.tsx';
import { Spinner } from '../../components/spinner.tsx';
import { errorMessage } from '../../lib/errors.ts';
import type { Conversation } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';

/**
 * Who answers this conversation: anyone who may see its account (the list comes from the server, so nobody
 * else is offered). The change reaches every open inbox over the live stream.
 */
export function AssignSelect({ conversation, meId }: { conversation: Conversation; meId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const people = trpc.conversations.assignees.useQuery({ id: conversation.id }, { staleTime: 60_000 });
  const assign = trpc.conversations.assign.useMutation();
  const current = conversation.assignee;
  // The assignee stays listed while the list loads (or if they could no longer be chosen).
  const options = people.data ?? (current ? [current] : []);
  const listed = current && !options.some((p) => p.id === current.id) ? [current, ...options] : options;

  return (
    <div className="border-b border-zinc-100 px-4 py-2 dark:border-zinc-800">
      <div className="flex items-center gap-2">
        <UserRound aria-hidden className="size-4 shrink-0 text-zinc-400" />
        <label htmlFor={id} className="shrink-0 text-xs font-medium text-zinc-600 dark:text-zinc-400">
          {t('inbox.assign.label')}
        </label>
        <div className="relative min-w-0 flex-1 sm:max-w-64">
          <select
            id={id}
            data-testid="assign-select"
            value={current?.id ?? ''}
            disabled={assign.isPending}
            onChange={(e) => assign.mutate({ id: conversation.id, userId: e.target.value || null })}
            className={selectClass}
          >
            <option value="">{t('inbox.assign.nobody')}</option>
            {listed.map((person) => (
              <option key={person.id} value={person.id}>
                {person.id === meId ? t('inbox.assign.me', { name: person.name }) : person.name}
              </option>
            ))}
          </select>
          <ChevronDown
            aria-hidden
            className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-zinc-500"
          />
        </div>
        {assign.isPending ? <Spinner /> : null}
      </div>
      {assign.error ? <ErrorNotice className="mt-2">{errorMessage(assign.error)}</ErrorNotice> : null}
    </div>
  );
}
