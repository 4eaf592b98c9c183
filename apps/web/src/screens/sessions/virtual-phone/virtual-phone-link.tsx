import { useMutation } from '@tanstack/react-query';
import { Hash, ScanLine, Smartphone } from 'lucide-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/button.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { TextField } from '../../../components/field.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { checkPhone } from '../../../lib/phone.ts';
import { SandboxRequestError, sandboxApi } from '../../../lib/sandbox.ts';

/**
 * Links a sandbox session without a real phone: a virtual phone with the number given scans the QR code on
 * display, or enters the pairing code requested for it. The session then connects as that number.
 */
export function VirtualPhoneLink({
  phone,
  onPhoneChange,
  qr,
  pairingCode,
}: {
  phone: string;
  onPhoneChange: (phone: string) => void;
  /** The QR code on display, if any. */
  qr: string | null;
  /** The pairing code on display, if any (it was requested for one number). */
  pairingCode: string | null;
}) {
  const { t } = useTranslation();
  const check = checkPhone(phone);
  // The code on display when the request goes out: it may rotate while a scan is on its way.
  const shown = useRef(qr);
  shown.current = qr;
  const scan = useMutation({
    mutationFn: async (input: { phone: string }) => {
      // A code that expired between showing and scanning is read again, as a phone's camera would.
      for (let attempt = 1; ; attempt++) {
        const code = shown.current;
        if (!code) throw new Error(t('sandbox.link.noCode'));
        try {
          return await sandboxApi.scan(code, input.phone);
        } catch (error) {
          if (!(error instanceof SandboxRequestError && error.status === 410) || attempt === 3) throw error;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    },
  });
  const pair = useMutation({
    mutationFn: (input: { code: string; phone: string }) => sandboxApi.pair(input.code, input.phone),
  });
  const error = scan.error ?? pair.error;
  const busy = scan.isPending || pair.isPending;

  return (
    <section
      aria-labelledby="virtual-phone-title"
      className="space-y-3 rounded-xl bg-sky-50/70 p-4 ring-1 ring-sky-900/10 dark:bg-sky-950/30 dark:ring-sky-300/15"
    >
      <div className="flex gap-2">
        <Smartphone aria-hidden className="mt-0.5 size-4 shrink-0 text-sky-700 dark:text-sky-300" />
        <div className="min-w-0">
          <h3 id="virtual-phone-title" className="text-sm font-semibold">
            {t('sandbox.link.title')}
          </h3>
          <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{t('sandbox.link.intro')}</p>
        </div>
      </div>
      <TextField
        label={t('sandbox.link.number')}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        dir="ltr"
        value={phone}
        onChange={(e) => onPhoneChange(e.target.value)}
        error={check.state === 'invalid' ? check.problem : null}
        hint={t('sandbox.link.numberHint')}
      />
      {error ? <ErrorNotice>{errorMessage(error)}</ErrorNotice> : null}
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        {pairingCode ? (
          <Button
            variant="primary"
            icon={Hash}
            loading={pair.isPending}
            disabled={check.state !== 'valid' || busy}
            onClick={() => check.state === 'valid' && pair.mutate({ code: pairingCode, phone: check.digits })}
          >
            {t('sandbox.link.enterCode')}
          </Button>
        ) : (
          <Button
            variant="primary"
            icon={ScanLine}
            loading={scan.isPending}
            disabled={check.state !== 'valid' || !qr || busy}
            onClick={() => check.state === 'valid' && scan.mutate({ phone: check.digits })}
          >
            {t('sandbox.link.scan')}
          </Button>
        )}
      </div>
      {!qr && !pairingCode ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('sandbox.link.noCode')}</p>
      ) : null}
    </section>
  );
}
