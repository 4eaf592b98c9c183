import { CircleAlert, CircleCheck, Hash, Play, Smartphone } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { cx } from '../../components/cx.ts';
import { Dialog } from '../../components/dialog.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { Spinner } from '../../components/spinner.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { TONE_BADGE } from '../../components/tone.ts';
import { sayCoded } from '../../lib/coded.ts';
import { errorMessage } from '../../lib/errors.ts';
import type { LiveQr } from '../../lib/live-state.ts';
import { virtualPhoneFor } from '../../lib/sandbox.ts';
import type { Session } from '../../lib/types.ts';
import { useNow } from '../../live/use-now.ts';
import { useSession } from '../../live/use-sessions.ts';
import { trpc } from '../../trpc.ts';
import { PairingCodePanel } from './pairing-code-panel.tsx';
import { QrCountdown } from './qr-countdown.tsx';
import { QR_BOX, QrImage } from './qr-image.tsx';
import { useSessionCache } from './session-cache.ts';
import { VirtualPhoneLink } from './virtual-phone/virtual-phone-link.tsx';

/**
 * Linking a session: the live QR code (replaced the moment the engine rotates it), a countdown, the steps on
 * the phone, or a pairing code instead. It closes itself once the session is connected.
 */
export function QrDialog({
  sessionId,
  starting,
  onClose,
  onConnected,
}: {
  sessionId: string;
  starting: boolean;
  onClose: () => void;
  onConnected: (session: Session) => void;
}) {
  const { t } = useTranslation();
  const { session, live, error } = useSession(sessionId);
  const [mode, setMode] = useState<'qr' | 'phone'>('qr');
  // The number a pairing code is asked for; in the sandbox also the virtual phone's, so both stay the same.
  const [phone, setPhone] = useState('');
  const sandbox = session?.engine === 'sandbox';
  useEffect(() => {
    if (sandbox) setPhone((current) => current || virtualPhoneFor(sessionId));
  }, [sandbox, sessionId]);
  const reported = useRef(false);
  // Opened right after a start request: until the status moves, "stopped" only means "not started yet".
  const [awaitingStart, setAwaitingStart] = useState(starting);
  const initialStatus = useRef(session?.status);
  initialStatus.current ??= session?.status;
  useEffect(() => {
    if (awaitingStart && session && session.status !== initialStatus.current) setAwaitingStart(false);
  }, [awaitingStart, session]);

  useEffect(() => {
    if (session?.status === 'connected' && !reported.current) {
      reported.current = true;
      onConnected(session);
    }
  }, [session, onConnected]);

  const title = session ? t('sessions.link.title', { name: session.name }) : t('sessions.link.titleUnknown');
  return (
    <Dialog
      title={title}
      onClose={onClose}
      size="lg"
      description={
        <Trans
          i18nKey="sessions.link.onPhone"
          components={{ strong: <strong className="text-zinc-800 dark:text-zinc-200" /> }}
        />
      }
    >
      {error ? <ErrorNotice>{errorMessage(error)}</ErrorNotice> : null}
      {!session && !error ? (
        <div className="flex justify-center py-16">
          <Spinner className="size-6" label={t('sessions.link.loading')} />
        </div>
      ) : null}
      {session ? (
        <div className="space-y-5">
          <div className="flex flex-wrap items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            {session.status === 'qr' && mode === 'phone' && live?.pairingCode ? (
              // A pairing code on screen is typed in, not scanned: the badge says what is awaited.
              <span
                data-testid="status-badge"
                className={cx(
                  'inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
                  TONE_BADGE.waiting,
                )}
              >
                <Hash aria-hidden className="size-3.5" />
                {t('sessions.pairing.waitingForCode')}
              </span>
            ) : (
              <StatusBadge status={session.status} />
            )}
            <bdi dir="ltr" className="font-mono text-xs">
              {session.id}
            </bdi>
          </div>
          {mode === 'qr' ? (
            <QrPanel
              session={session}
              qr={live?.qr ?? null}
              awaitingStart={awaitingStart}
              onUsePhone={() => setMode('phone')}
            />
          ) : (
            <PairingCodePanel
              sessionId={session.id}
              phone={phone}
              onPhoneChange={setPhone}
              code={live?.pairingCode?.code ?? null}
              canRequest={session.status === 'qr'}
              onUseQr={() => setMode('qr')}
            />
          )}
          {sandbox ? (
            <VirtualPhoneLink
              phone={phone}
              onPhoneChange={setPhone}
              qr={session.status === 'qr' && mode === 'qr' ? (live?.qr?.qr ?? session.qr?.qr ?? null) : null}
              pairingCode={
                session.status === 'qr' && mode === 'phone' ? (live?.pairingCode?.code ?? null) : null
              }
            />
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}

function QrPanel({
  session,
  qr,
  awaitingStart,
  onUsePhone,
}: {
  session: Session;
  awaitingStart: boolean;
  qr: LiveQr | null;
  onUsePhone: () => void;
}) {
  const { t } = useTranslation();
  const now = useNow(250);
  const cache = useSessionCache();
  const start = trpc.sessions.start.useMutation({ onSuccess: cache.put });
  const code =
    session.status === 'qr' ? (qr ?? (session.qr ? { ...session.qr, receivedAt: now } : null)) : null;
  const expired = code ? code.expiresAt <= now : false;

  let visual: React.ReactNode;
  let caption: React.ReactNode = null;
  if (code) {
    visual = (
      <div className="relative">
        <QrImage value={code.qr} dimmed={expired} />
        {expired ? (
          <p className="absolute inset-0 flex items-center justify-center p-6 text-center text-sm font-medium text-zinc-900">
            {code.last ? t('sessions.link.lastExpired') : t('sessions.link.expired')}
          </p>
        ) : null}
      </div>
    );
    caption = <QrCountdown code={code} now={now} />;
  } else {
    visual = (
      <StatePanel
        session={session}
        awaitingStart={awaitingStart}
        onRetry={() => start.mutate({ id: session.id })}
        retrying={start.isPending}
      />
    );
  }

  return (
    <div className="grid gap-6 sm:grid-cols-[auto_1fr] sm:items-start">
      <div className="flex flex-col items-center gap-3">
        {visual}
        {caption}
        {start.error ? <ErrorNotice className="w-full">{errorMessage(start.error)}</ErrorNotice> : null}
      </div>
      <div className="space-y-4">
        <ol className="space-y-3 text-sm">
          {[
            t('sessions.link.step1'),
            <Trans key="2" i18nKey="sessions.link.step2" components={{ strong: <strong /> }} />,
            <Trans key="3" i18nKey="sessions.link.step3" components={{ strong: <strong /> }} />,
          ].map((step, i) => (
            <li key={String(i)} className="flex gap-3">
              <span
                aria-hidden
                className="flex size-6 shrink-0 items-center justify-center rounded-full bg-emerald-50 text-xs font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300"
              >
                {i + 1}
              </span>
              <span className="pt-0.5 text-zinc-700 dark:text-zinc-300">{step}</span>
            </li>
          ))}
        </ol>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('sessions.link.rotates')}</p>
        <Button variant="secondary" icon={Smartphone} onClick={onUsePhone} disabled={session.status !== 'qr'}>
          {t('sessions.link.usePhone')}
        </Button>
      </div>
    </div>
  );
}

/** What the QR area shows when there is no code to scan. */
function StatePanel({
  session,
  awaitingStart,
  onRetry,
  retrying,
}: {
  session: Session;
  awaitingStart: boolean;
  onRetry: () => void;
  retrying: boolean;
}) {
  const { t } = useTranslation();
  const box = 'flex flex-col items-center justify-center gap-3 rounded-xl p-6 text-center';
  const style = { width: QR_BOX, minHeight: QR_BOX, maxWidth: '100%' };
  switch (awaitingStart ? 'starting' : session.status) {
    case 'connected':
    case 'authenticating':
      return (
        <div
          className={`${box} bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200`}
          style={style}
        >
          {session.status === 'connected' ? (
            <CircleCheck aria-hidden className="size-8" />
          ) : (
            <Spinner className="size-8" />
          )}
          <p className="text-sm font-medium">
            {session.status === 'connected' ? t('sessions.link.connected') : t('sessions.link.finishing')}
          </p>
        </div>
      );
    case 'failed':
    case 'stopped':
    case 'logged_out': {
      const expired =
        session.status === 'failed' && session.statusReasonCoded?.reason === 'session.qr_not_scanned';
      return (
        <div className={`${box} bg-zinc-50 dark:bg-zinc-950`} style={style}>
          <CircleAlert aria-hidden className="size-8 text-amber-600 dark:text-amber-400" />
          <div>
            <p className="text-sm font-semibold">
              {expired
                ? t('sessions.link.qrExpired')
                : session.status === 'failed'
                  ? // A failure that will be retried has not stopped anything: the reason says when.
                    session.nextRetryAt
                    ? t('sessions.link.retryingSoon')
                    : t('sessions.link.stoppedLinking')
                  : t('sessions.link.notRunning')}
            </p>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              {expired
                ? t('sessions.link.qrExpiredBody')
                : (sayCoded(session.statusReason, session.statusReasonCoded) ??
                  t('sessions.link.startForQr'))}
            </p>
          </div>
          <Button variant="primary" icon={Play} loading={retrying} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </div>
      );
    }
    default:
      return (
        <div
          className={`${box} bg-zinc-50 text-zinc-600 dark:bg-zinc-950 dark:text-zinc-400`}
          style={style}
          role="status"
        >
          <Spinner className="size-8" />
          <p className="text-sm">
            {session.status === 'reconnecting'
              ? t('sessions.link.reconnecting')
              : t('sessions.link.gettingQr')}
          </p>
        </div>
      );
  }
}
