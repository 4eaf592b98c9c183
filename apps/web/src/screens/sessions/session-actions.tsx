import { LogOut, Play, QrCode, RotateCw, Square, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { Phone } from '../../components/phone.tsx';
import { useToast } from '../../components/toaster.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { allowedActions } from '../../lib/session-status.ts';
import type { Session } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';
import { useOpenQr } from './qr-dialog-host.tsx';
import { useSessionCache } from './session-cache.ts';

/**
 * Start, stop, restart, log out (unlink WhatsApp) and delete — each enabled only when it makes sense for the
 * current status. Log out and delete ask first and say what will be lost.
 */
export function SessionActions({ session, onDeleted }: { session: Session; onDeleted?: () => void }) {
  const { t } = useTranslation();
  const allowed = allowedActions(session);
  const cache = useSessionCache();
  const openQr = useOpenQr();
  const toast = useToast();
  const [confirm, setConfirm] = useState<'logout' | 'delete' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const options = {
    onSuccess: (updated: Session) => {
      setError(null);
      cache.put(updated);
    },
    onError: (e: unknown) => setError(errorMessage(e)),
  };
  const start = trpc.sessions.start.useMutation(options);
  const stop = trpc.sessions.stop.useMutation(options);
  const restart = trpc.sessions.restart.useMutation(options);
  const logout = trpc.sessions.logout.useMutation();
  const remove = trpc.sessions.delete.useMutation();
  const busy = start.isPending || stop.isPending || restart.isPending;
  const id = { id: session.id };

  // A session without a linked phone will need a scan: open the QR dialog right away.
  const startAndLink = () => {
    setError(null);
    start.mutate(id);
    if (!session.phone) openQr(session.id, { starting: true });
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {allowed.has('link') ? (
          <Button size="sm" variant="primary" icon={QrCode} onClick={() => openQr(session.id)}>
            {t('sessions.actions.showQr')}
          </Button>
        ) : null}
        <Button
          size="sm"
          variant={allowed.has('start') ? 'primary' : 'secondary'}
          icon={Play}
          disabled={!allowed.has('start') || busy}
          loading={start.isPending}
          onClick={startAndLink}
        >
          {t('sessions.actions.start')}
        </Button>
        <Button
          size="sm"
          icon={Square}
          disabled={!allowed.has('stop') || busy}
          loading={stop.isPending}
          onClick={() => {
            setError(null);
            stop.mutate(id);
          }}
        >
          {t('sessions.actions.stop')}
        </Button>
        <Button
          size="sm"
          icon={RotateCw}
          disabled={!allowed.has('restart') || busy}
          loading={restart.isPending}
          onClick={() => {
            setError(null);
            restart.mutate(id);
          }}
        >
          {t('sessions.actions.restart')}
        </Button>
        <Button
          size="sm"
          icon={LogOut}
          disabled={!allowed.has('logout') || busy}
          onClick={() => setConfirm('logout')}
        >
          {t('sessions.actions.logout')}
        </Button>
        <Button
          size="sm"
          variant="danger-ghost"
          icon={Trash2}
          className="sm:ms-auto"
          onClick={() => setConfirm('delete')}
        >
          {t('sessions.actions.delete')}
        </Button>
      </div>
      {error ? <ErrorNotice>{error}</ErrorNotice> : null}

      {confirm === 'logout' ? (
        <ConfirmDialog
          title={t('sessions.actions.logoutTitle', { name: session.name })}
          confirmLabel={t('sessions.actions.logout')}
          confirmIcon={LogOut}
          onClose={() => setConfirm(null)}
          onConfirm={async () => cache.put(await logout.mutateAsync(id))}
        >
          <p>
            {session.phone ? (
              <Trans
                i18nKey="sessions.actions.logoutBodyPhone"
                components={{
                  strong: <Phone digits={session.phone} className="font-bold whitespace-nowrap" />,
                }}
              />
            ) : (
              t('sessions.actions.logoutBody')
            )}
          </p>
          <p>{t('sessions.actions.logoutAfter')}</p>
        </ConfirmDialog>
      ) : null}

      {confirm === 'delete' ? (
        <ConfirmDialog
          title={t('sessions.actions.deleteTitle', { name: session.name })}
          confirmLabel={t('sessions.actions.deleteConfirm')}
          confirmIcon={Trash2}
          onClose={() => setConfirm(null)}
          onConfirm={async () => {
            await remove.mutateAsync(id);
            cache.remove(session.id);
            toast.success(t('sessions.actions.deleted', { name: session.name }));
            onDeleted?.();
          }}
        >
          <p>
            <Trans
              i18nKey="sessions.actions.deleteBody"
              values={{ name: session.name }}
              components={{ strong: <strong /> }}
            />
          </p>
          <p className="font-medium text-zinc-900 dark:text-zinc-100">{t('sessions.actions.cannotUndo')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
