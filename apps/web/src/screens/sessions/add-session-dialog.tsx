import { slugifySessionName } from '@switchboard/validators';
import { FlaskConical, Globe, Play, RotateCcw } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { cx } from '../../components/cx.ts';
import { Dialog, DialogActions } from '../../components/dialog.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextField } from '../../components/field.tsx';
import { Spinner } from '../../components/spinner.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { sessionIdProblem, sessionNameProblem } from '../../lib/session-id.ts';
import { KNOWN_ENGINES } from '../../lib/session-status.ts';
import type { EngineName, Session } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';
import { useSessionCache } from './session-cache.ts';

/** Name (the id follows it until edited), engine (only what this server offers), then create and start. */
export function AddSessionDialog({
  takenIds,
  onClose,
  onCreated,
}: {
  takenIds: string[];
  onClose: () => void;
  onCreated: (session: Session) => void;
}) {
  const { t } = useTranslation();
  const engines = trpc.sessions.engines.useQuery(undefined, { staleTime: 60_000 });
  const create = trpc.sessions.create.useMutation();
  const cache = useSessionCache();
  const [name, setName] = useState('');
  const [customId, setCustomId] = useState<string | null>(null);
  const [engine, setEngine] = useState<EngineName | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [nameTouched, setNameTouched] = useState(false);

  const id = customId ?? slugifySessionName(name);
  const offered = engines.data ?? [];
  const available = offered.map((e) => e.name);
  // WhatsApp Web that could not be reached at the server's last attempt is not the one to suggest.
  const unreachable = offered.filter((e) => e.reachable === false).map((e) => e.name);
  const known = KNOWN_ENGINES.map((e) => e.name).filter((n) => available.includes(n));
  const chosen = engine ?? known.find((n) => !unreachable.includes(n)) ?? known[0] ?? available[0] ?? null;
  const options = [
    ...KNOWN_ENGINES,
    ...available
      .filter((n) => !KNOWN_ENGINES.some((k) => k.name === n))
      .map((n) => ({ name: n, label: n, description: '' })),
  ];
  // The new session joins the list while its create is still answering: its own id is not "taken".
  const creating = create.isPending || create.isSuccess ? create.variables?.id : undefined;
  const takenByOthers = creating ? takenIds.filter((taken) => taken !== creating) : takenIds;

  const nameProblem = submitted || nameTouched ? sessionNameProblem(name) : null;
  // The id is checked as it is typed; a still-empty derived id waits for the name.
  const idProblem =
    customId !== null || name.trim() !== '' || submitted ? sessionIdProblem(id, takenByOthers) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (sessionNameProblem(name) || sessionIdProblem(id, takenByOthers) || !chosen) return;
    create.mutate(
      { name: name.trim(), id, engine: chosen, start: true },
      {
        onSuccess: (session) => {
          cache.put(session);
          onCreated(session);
        },
      },
    );
  };

  return (
    <Dialog title={t('sessions.add.title')} description={t('sessions.add.description')} onClose={onClose}>
      <form onSubmit={submit} className="space-y-5" noValidate>
        <TextField
          label={t('sessions.add.name')}
          placeholder={t('sessions.add.namePlaceholder')}
          autoFocus
          autoComplete="off"
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => setNameTouched(true)}
          error={nameProblem}
          hint={t('sessions.add.nameHint')}
        />
        <TextField
          label={t('sessions.add.id')}
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          dir="ltr"
          value={id}
          onChange={(e) => setCustomId(e.target.value)}
          error={idProblem}
          hint={t('sessions.add.idHint')}
          aside={
            customId !== null ? (
              <button
                type="button"
                onClick={() => setCustomId(null)}
                className="inline-flex items-center gap-1 text-xs font-medium text-emerald-700 hover:underline dark:text-emerald-400"
              >
                <RotateCcw aria-hidden className="size-3" />
                {t('sessions.add.derive')}
              </button>
            ) : null
          }
        />
        <fieldset>
          <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">
            {t('sessions.add.engine')}
          </legend>
          {engines.isLoading ? (
            <p className="flex items-center gap-2 text-sm text-zinc-500">
              <Spinner /> {t('sessions.add.askingEngines')}
            </p>
          ) : engines.error ? (
            <ErrorNotice>{errorMessage(engines.error)}</ErrorNotice>
          ) : (
            <div className="grid gap-2 sm:grid-cols-2">
              {options.map((option) => {
                const enabled = available.includes(option.name);
                const Icon = option.name === 'sandbox' ? FlaskConical : Globe;
                return (
                  <label
                    key={option.name}
                    className={cx(
                      'relative flex gap-3 rounded-xl p-3.5 ring-1 ring-inset',
                      enabled ? 'cursor-pointer' : 'cursor-not-allowed opacity-60',
                      chosen === option.name
                        ? 'bg-emerald-50/60 ring-2 ring-emerald-600 dark:bg-emerald-950/40 dark:ring-emerald-500'
                        : 'ring-zinc-300 hover:bg-zinc-50 dark:ring-zinc-700 dark:hover:bg-zinc-800/50',
                    )}
                  >
                    <input
                      type="radio"
                      name="engine"
                      value={option.name}
                      disabled={!enabled}
                      checked={chosen === option.name}
                      onChange={() => setEngine(option.name)}
                      className="mt-1 size-4 accent-emerald-600"
                    />
                    <span className="min-w-0">
                      <span className="flex items-center gap-1.5 text-sm font-medium">
                        <Icon aria-hidden className="size-4" />
                        {option.label}
                      </span>
                      <span className="mt-0.5 block text-xs text-zinc-600 dark:text-zinc-400">
                        {enabled ? option.description : t('sessions.add.engineUnavailable')}
                      </span>
                      {enabled && unreachable.includes(option.name) ? (
                        <span className="mt-1 block text-xs font-medium text-amber-700 dark:text-amber-400">
                          {t('sessions.add.engineUnreachable')}
                        </span>
                      ) : null}
                    </span>
                  </label>
                );
              })}
            </div>
          )}
          {!engines.isLoading && available.length === 0 && !engines.error ? (
            <ErrorNotice className="mt-2">{t('sessions.add.noEngine')}</ErrorNotice>
          ) : null}
        </fieldset>
        {create.error ? <ErrorNotice>{errorMessage(create.error)}</ErrorNotice> : null}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" icon={Play} loading={create.isPending} disabled={!chosen}>
            {t('sessions.add.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
