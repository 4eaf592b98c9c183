import { TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { formatCountdown } from '../../lib/format.ts';
import type { LiveQr } from '../../lib/live-state.ts';
import { QR_BOX } from './qr-image.tsx';

/**
 * The time a QR code has left, as a bar and in words. On the last code before the engine gives up, the bar
 * turns amber and a warning says linking stops with it: no new code follows, so "new code in" would mislead.
 */
export function QrCountdown({ code, now }: { code: LiveQr; now: number }) {
  const { t } = useTranslation();
  // Rounded, not rounded up: a 20-second code starts at 0:20, not 0:21 (it arrives a few ms after it was made).
  const left = Math.max(0, Math.round((code.expiresAt - now) / 1000));
  const expired = code.expiresAt <= now;
  const period = Math.max(1000, code.expiresAt - code.receivedAt);
  const fraction = Math.min(1, Math.max(0, (code.expiresAt - now) / period));
  const last = code.last === true;

  let words: string;
  if (last) words = t('sessions.link.expiresIn', { time: formatCountdown(left) });
  else if (expired) words = t('sessions.link.waitingForCode');
  else words = t('sessions.link.newCodeIn', { time: formatCountdown(left) });

  return (
    <div className="w-full space-y-2" style={{ maxWidth: QR_BOX }}>
      <div
        className="h-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
        role="progressbar"
        aria-label={t('sessions.link.timeLeft')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div
          className={cx(
            'h-full rounded-full transition-[width] duration-300 ease-linear',
            last ? 'bg-amber-500' : 'bg-emerald-500',
          )}
          style={{ width: `${fraction * 100}%` }}
        />
      </div>
      <p className="text-center text-xs text-zinc-600 tabular-nums dark:text-zinc-400" aria-live="off">
        {words}
      </p>
      {/* Polite: read out once when the last code arrives, not at every tick of the countdown above. */}
      <div role="status">
        {last ? (
          <p
            className="flex gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20 ring-inset dark:bg-amber-950/60 dark:text-amber-200"
            data-testid="last-qr-warning"
          >
            <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
            <span className="min-w-0">{t('sessions.link.lastCode')}</span>
          </p>
        ) : null}
      </div>
    </div>
  );
}
