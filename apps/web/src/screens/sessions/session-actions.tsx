import { formatPhone } from '@switchboard/validators';
import { LogOut, Play, QrCode, RotateCw, Square, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
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
            Show QR code
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
          Start
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
          Stop
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
          Restart
        </Button>
        <Button
          size="sm"
          icon={LogOut}
          disabled={!allowed.has('logout') || busy}
          onClick={() => setConfirm('logout')}
        >
          Log out
        </Button>
        <Button
          size="sm"
          variant="danger-ghost"
          icon={Trash2}
          className="sm:ml-auto"
          onClick={() => setConfirm('delete')}
        >
          Delete
        </Button>
      </div>
      {error ? <ErrorNotice>{error}</ErrorNotice> : null}

      {confirm === 'logout' ? (
        <ConfirmDialog
          title={`Log out ${session.name}?`}
          confirmLabel="Log out"
          confirmIcon={LogOut}
          onClose={() => setConfirm(null)}
          onConfirm={async () => cache.put(await logout.mutateAsync(id))}
        >
          <p>
            This unlinks the session from WhatsApp
            {session.phone ? (
              <>
                {' '}
                on <strong className="whitespace-nowrap">{formatPhone(session.phone)}</strong>
              </>
            ) : null}
            : the phone loses this linked device and Switchboard forgets the login.
          </p>
          <p>To use the session again you will have to scan a new QR code. Its stored messages stay.</p>
        </ConfirmDialog>
      ) : null}

      {confirm === 'delete' ? (
        <ConfirmDialog
          title={`Delete ${session.name}?`}
          confirmLabel="Delete session"
          confirmIcon={Trash2}
          onClose={() => setConfirm(null)}
          onConfirm={async () => {
            await remove.mutateAsync(id);
            cache.remove(session.id);
            toast.success(`${session.name} was deleted.`);
            onDeleted?.();
          }}
        >
          <p>
            This logs <strong>{session.name}</strong> out of WhatsApp (the phone loses the linked device),
            deletes its message history and webhooks, and removes its data folder from the server.
          </p>
          <p className="font-medium text-zinc-900 dark:text-zinc-100">This cannot be undone.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
