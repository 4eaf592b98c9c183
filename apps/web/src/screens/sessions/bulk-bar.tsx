import { SESSION_BULK_MAX } from '@switchboard/validators';
import { Play, RotateCw, Square, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { useToast } from '../../components/toaster.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';
import { useSessionCache } from './session-cache.ts';

type Command = 'start' | 'stop' | 'restart';

/**
 * Start, stop or restart every selected session at once. The server answers for each one, so a session that
 * is refused (another user's, deleted meanwhile) is named without holding up the others.
 */
export function BulkBar({ ids, onClear }: { ids: readonly string[]; onClear: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const cache = useSessionCache();
  const [refused, setRefused] = useState<Array<{ id: string; message: string }>>([]);
  const mutations = {
    start: trpc.sessions.startMany.useMutation(),
    stop: trpc.sessions.stopMany.useMutation(),
    restart: trpc.sessions.restartMany.useMutation(),
  };
  const [running, setRunning] = useState<Command | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async (command: Command) => {
    setRunning(command);
    setRefused([]);
    setError(null);
    try {
      let done = 0;
      const failed: Array<{ id: string; message: string }> = [];
      // The server takes a bounded number at a time.
      for (let i = 0; i < ids.length; i += SESSION_BULK_MAX) {
        const answers = await mutations[command].mutateAsync({
          ids: [...ids.slice(i, i + SESSION_BULK_MAX)],
        });
        for (const answer of answers) {
          if (answer.ok) {
            cache.put(answer.session);
            done += 1;
          } else failed.push({ id: answer.id, message: answer.message });
        }
      }
      if (done > 0) toast.success(t(`sessionTools.bulk.done.${command}`, { count: done }));
      setRefused(failed);
      if (failed.length === 0) onClear();
    } catch (e) {
      setError(e);
    } finally {
      setRunning(null);
    }
  };

  return (
    <section
      aria-label={t('sessionTools.bulk.label')}
      className="sticky bottom-3 z-20 space-y-2 rounded-xl bg-zinc-900 p-3 text-white shadow-lg dark:bg-zinc-800"
    >
      <div className="flex flex-wrap items-center gap-2">
        <p className="me-auto text-sm font-medium" aria-live="polite">
          {t('sessionTools.bulk.selected', { count: ids.length })}
        </p>
        <Button
          size="sm"
          icon={Play}
          loading={running === 'start'}
          disabled={running !== null}
          onClick={() => void run('start')}
        >
          {t('sessions.actions.start')}
        </Button>
        <Button
          size="sm"
          icon={Square}
          loading={running === 'stop'}
          disabled={running !== null}
          onClick={() => void run('stop')}
        >
          {t('sessions.actions.stop')}
        </Button>
        <Button
          size="sm"
          icon={RotateCw}
          loading={running === 'restart'}
          disabled={running !== null}
          onClick={() => void run('restart')}
        >
          {t('sessions.actions.restart')}
        </Button>
        <button
          type="button"
          onClick={onClear}
          aria-label={t('sessionTools.bulk.clear')}
          className="rounded-md p-1.5 text-zinc-300 hover:bg-white/10 hover:text-white"
        >
          <X aria-hidden className="size-4" />
        </button>
      </div>
      {error ? <ErrorNotice>{errorMessage(error)}</ErrorNotice> : null}
      {refused.length > 0 ? (
        <ErrorNotice>
          <p>{t('sessionTools.bulk.refused', { count: refused.length })}</p>
          <ul className="mt-1 list-disc ps-5">
            {refused.map((r) => (
              <li key={r.id}>
                <bdi dir="ltr" className="font-mono">
                  {r.id}
                </bdi>
                : {r.message}
              </li>
            ))}
          </ul>
        </ErrorNotice>
      ) : null}
    </section>
  );
}
