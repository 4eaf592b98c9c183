import { WifiOff } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { Spinner } from '../components/spinner.tsx';
import { useConnectionLost } from '../live/connection.tsx';

/** Says when live updates stopped; disappears by itself when they are back. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const lost = useConnectionLost();
  // role="alert" announces the banner as it appears; it is removed (not hidden) when the connection is back.
  return (
    <div>
      {lost ? (
        <div
          role="alert"
          className="border-b border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-2.5 text-sm sm:px-6">
            <WifiOff aria-hidden className="size-4 shrink-0" />
            <p className="min-w-0 flex-1">
              <Trans
                i18nKey="shell.connectionLost"
                components={{ strong: <strong className="font-semibold" /> }}
              />
            </p>
            <span className="flex shrink-0 items-center gap-1.5 text-xs">
              <Spinner className="size-3.5" />
              {t('shell.reconnecting')}
            </span>
          </div>
        </div>
      ) : null}
    </div>
  );
}
