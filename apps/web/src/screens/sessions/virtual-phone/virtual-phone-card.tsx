import { useMutation } from '@tanstack/react-query';
import { FlaskConical, Unlink, WifiOff } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/button.tsx';
import { Card, CardHeader } from '../../../components/card.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { useToast } from '../../../components/toaster.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { sandboxApi, virtualPhoneFor } from '../../../lib/sandbox.ts';
import type { Session } from '../../../lib/types.ts';
import { InboundForm } from './inbound-form.tsx';
import { PhonesView } from './phones-view.tsx';
import { VirtualPhoneLink } from './virtual-phone-link.tsx';

/**
 * A sandbox session's stand-in for the phones: link it with a virtual phone, write to it from any number,
 * drop its connection or unlink it as the phone would, and read what the virtual phones received.
 */
export function VirtualPhoneCard({
  session,
  qr,
  pairingCode,
}: {
  session: Session;
  qr: string | null;
  pairingCode: string | null;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const [phone, setPhone] = useState(() => virtualPhoneFor(session.id));
  const [unlinking, setUnlinking] = useState(false);
  const drop = useMutation({
    mutationFn: () => sandboxApi.drop(session.id),
    onSuccess: () => toast.info(t('sandbox.network.dropped', { name: session.name })),
  });
  const linked = session.status === 'connected' && session.phone !== null;

  return (
    <Card aria-labelledby="virtual-phone-card-title">
      <CardHeader
        title={t('sandbox.card.title')}
        id="virtual-phone-card-title"
        action={
          <span className="inline-flex items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400">
            <FlaskConical aria-hidden className="size-3.5" />
            {t('sandbox.card.badge')}
          </span>
        }
      />
      <div className="grid gap-6 p-5 lg:grid-cols-2">
        <div className="min-w-0 space-y-5">
          {session.status === 'qr' ? (
            <VirtualPhoneLink phone={phone} onPhoneChange={setPhone} qr={qr} pairingCode={pairingCode} />
          ) : null}
          {linked && session.phone ? (
            <InboundForm session={{ ...session, phone: session.phone }} />
          ) : session.status !== 'qr' ? (
            <p className="rounded-lg bg-zinc-50 px-3 py-3 text-sm text-zinc-600 dark:bg-zinc-950 dark:text-zinc-400">
              {t('sandbox.inbound.needsConnection')}
            </p>
          ) : null}
          {linked ? (
            <div className="space-y-2 border-t border-zinc-100 pt-4 dark:border-zinc-800">
              <h3 className="text-sm font-semibold">{t('sandbox.network.title')}</h3>
              <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('sandbox.network.hint')}</p>
              {drop.error ? <ErrorNotice>{errorMessage(drop.error)}</ErrorNotice> : null}
              <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
                <Button icon={WifiOff} loading={drop.isPending} onClick={() => drop.mutate()}>
                  {t('sandbox.network.drop')}
                </Button>
                <Button icon={Unlink} variant="ghost" onClick={() => setUnlinking(true)}>
                  {t('sandbox.network.unlink')}
                </Button>
              </div>
            </div>
          ) : null}
        </div>
        <div className="min-w-0">
          <PhonesView />
        </div>
      </div>
      {unlinking ? (
        <ConfirmDialog
          title={t('sandbox.network.unlinkTitle', { name: session.name })}
          confirmLabel={t('sandbox.network.unlink')}
          confirmIcon={Unlink}
          onConfirm={() => sandboxApi.unlink(session.id)}
          onClose={() => setUnlinking(false)}
        >
          {t('sandbox.network.unlinkBody')}
        </ConfirmDialog>
      ) : null}
    </Card>
  );
}
