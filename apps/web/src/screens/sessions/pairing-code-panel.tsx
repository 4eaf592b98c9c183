import { Hash, QrCode } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextField } from '../../components/field.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatPairingCode } from '../../lib/format.ts';
import { checkPhone } from '../../lib/phone.ts';
import { trpc } from '../../trpc.ts';

/** Linking by phone number: WhatsApp shows a field for an 8-character code instead of the camera. */
export function PairingCodePanel({
  sessionId,
  phone,
  onPhoneChange,
  code,
  canRequest,
  onUseQr,
}: {
  sessionId: string;
  /** The number the code is for (kept by the dialog, which may prefill it). */
  phone: string;
  onPhoneChange: (phone: string) => void;
  /** The code on display (from the request or from the live stream). */
  code: string | null;
  canRequest: boolean;
  onUseQr: () => void;
}) {
  const { t } = useTranslation();
  const [touched, setTouched] = useState(false);
  const request = trpc.sessions.requestPairingCode.useMutation();
  const check = checkPhone(phone);
  const problem = check.state === 'invalid' && (touched || phone.length > 5) ? check.problem : null;
  const shown = request.data?.code ?? code;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (check.state !== 'valid') return;
    request.mutate({ id: sessionId, phone: check.digits });
  };

  return (
    <div className="space-y-4">
      {shown ? (
        <div className="rounded-xl bg-zinc-50 p-5 text-center ring-1 ring-zinc-900/5 dark:bg-zinc-950 dark:ring-white/10">
          <p className="text-sm font-medium text-zinc-600 dark:text-zinc-400">{t('sessions.pairing.code')}</p>
          <p
            className="mt-2 font-mono text-4xl font-semibold tracking-[0.2em] text-zinc-900 sm:text-5xl dark:text-white"
            data-testid="pairing-code"
            dir="ltr"
          >
            {formatPairingCode(shown)}
          </p>
          <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
            <Trans i18nKey="sessions.pairing.howTo" components={{ strong: <strong /> }} />
          </p>
        </div>
      ) : null}
      <form onSubmit={submit} className="space-y-3" noValidate>
        <TextField
          label={t('sessions.pairing.phone')}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          placeholder="+49 151 23456789"
          dir="ltr"
          value={phone}
          onChange={(e) => onPhoneChange(e.target.value)}
          onBlur={() => setTouched(true)}
          error={problem}
          hint={
            check.state === 'valid'
              ? `${check.international}${check.country ? ` · ${check.country}` : ''}`
              : t('sessions.pairing.phoneHint')
          }
        />
        {request.error ? <ErrorNotice>{errorMessage(request.error)}</ErrorNotice> : null}
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-between">
          <Button variant="ghost" icon={QrCode} onClick={onUseQr}>
            {t('sessions.pairing.useQr')}
          </Button>
          <Button
            type="submit"
            variant="primary"
            icon={Hash}
            loading={request.isPending}
            disabled={!canRequest || check.state !== 'valid'}
          >
            {shown ? t('sessions.pairing.newCode') : t('sessions.pairing.getCode')}
          </Button>
        </div>
      </form>
    </div>
  );
}
