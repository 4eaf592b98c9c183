import { parseProxyUrl, SESSION_NAME_MAX_LENGTH } from '@switchboard/validators';
import { ArrowRightLeft, Save } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextField } from '../../components/field.tsx';
import { useToast } from '../../components/toaster.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { sessionNameProblem } from '../../lib/session-id.ts';
import type { Session } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';
import { useSessionCache } from './session-cache.ts';
import { TransferDialog } from './transfer-dialog.tsx';

/**
 * A session's settings: its name, whether it keeps running (auto-start), the proxy of a WhatsApp Web
 * session — and, for admins, its owner, with a way to hand it to someone else.
 */
export function SessionSettings({ session }: { session: Session }) {
  const { t } = useTranslation();
  const toast = useToast();
  const cache = useSessionCache();
  const [name, setName] = useState(session.name);
  const [autoStart, setAutoStart] = useState(session.autoStart);
  // The proxy is shown with its password masked: it is sent only when someone typed a new one.
  const [proxy, setProxy] = useState(session.proxy ?? '');
  const [transferring, setTransferring] = useState(false);
  const update = trpc.sessions.update.useMutation({
    onSuccess: (updated) => {
      cache.put(updated);
      setProxy(updated.proxy ?? '');
      toast.success(t('sessionTools.settings.saved', { name: updated.name }));
    },
  });
  const webjs = session.engine === 'webjs';
  const proxyChanged = webjs && proxy.trim() !== (session.proxy ?? '');
  const nameProblem = sessionNameProblem(name);
  const proxyProblem =
    proxyChanged && proxy.trim() !== '' && !parseProxyUrl(proxy.trim()).ok
      ? t('sessionTools.settings.proxyInvalid')
      : null;
  const changed = name.trim() !== session.name || autoStart !== session.autoStart || proxyChanged;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!changed || nameProblem || proxyProblem) return;
    update.mutate({
      id: session.id,
      ...(name.trim() !== session.name ? { name: name.trim() } : {}),
      ...(autoStart !== session.autoStart ? { autoStart } : {}),
      ...(proxyChanged ? { proxy: proxy.trim() || null } : {}),
    });
  };

  return (
    <Card aria-labelledby="settings-title">
      <CardHeader title={t('sessionTools.settings.title')} id="settings-title" />
      <form onSubmit={submit} className="space-y-4 p-5" noValidate>
        <TextField
          label={t('sessionTools.settings.name')}
          value={name}
          maxLength={SESSION_NAME_MAX_LENGTH}
          autoComplete="off"
          onChange={(e) => setName(e.target.value)}
          error={nameProblem}
        />
        <label className="flex items-start gap-3">
          <input
            type="checkbox"
            checked={autoStart}
            onChange={(e) => setAutoStart(e.target.checked)}
            className="mt-0.5 size-4 shrink-0 accent-emerald-600"
          />
          <span className="min-w-0">
            <span className="block text-sm font-medium">{t('sessionTools.settings.autoStart')}</span>
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">
              {t('sessionTools.settings.autoStartHint')}
            </span>
          </span>
        </label>
        {webjs ? (
          <TextField
            label={t('sessionTools.settings.proxy')}
            value={proxy}
            dir="ltr"
            spellCheck={false}
            autoComplete="off"
            placeholder="http://user:secret@proxy.example:3128"
            onChange={(e) => setProxy(e.target.value)}
            error={proxyProblem}
            hint={t('sessionTools.settings.proxyHint')}
          />
        ) : null}
        {session.owner ? (
          <div className="flex flex-col gap-2 rounded-lg bg-zinc-50 px-3 py-2.5 sm:flex-row sm:items-center sm:justify-between dark:bg-zinc-950">
            <p className="min-w-0 text-sm">
              <span className="text-zinc-500 dark:text-zinc-400">{t('sessionTools.settings.owner')} </span>
              <span className="font-medium break-words" data-testid="session-owner">
                {session.owner.name}
              </span>{' '}
              <span className="text-xs break-all text-zinc-500 dark:text-zinc-400">
                ({session.owner.email})
              </span>
            </p>
            <Button
              size="sm"
              icon={ArrowRightLeft}
              onClick={() => setTransferring(true)}
              className="self-start"
            >
              {t('sessionTools.transfer.open')}
            </Button>
          </div>
        ) : null}
        {update.error ? <ErrorNotice>{errorMessage(update.error)}</ErrorNotice> : null}
        <div className="flex justify-end">
          <Button type="submit" variant="primary" icon={Save} loading={update.isPending} disabled={!changed}>
            {t('sessionTools.settings.save')}
          </Button>
        </div>
      </form>
      {transferring && session.owner ? (
        <TransferDialog session={session} ownerId={session.owner.id} onClose={() => setTransferring(false)} />
      ) : null}
    </Card>
  );
}
