import { Hourglass } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { TONE_BADGE } from '../../components/tone.ts';
import { formatDateTime, formatMoment } from '../../lib/format.ts';
import type { Session } from '../../lib/types.ts';

/**
 * WhatsApp's reach-out limit (error 463) beside the status it does not change: the account is connected,
 * but may not start chats until the time shown. The reason is the tooltip; the status note spells it out.
 */
export function LimitBadge({ limited, now }: { limited: NonNullable<Session['limited']>; now: number }) {
  const { t } = useTranslation();
  return (
    <span
      data-testid="limit-badge"
      title={
        limited.until
          ? t('sessions.limit.tooltipUntil', { reason: limited.reason, until: formatDateTime(limited.until) })
          : limited.reason
      }
      className={cx(
        'inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        TONE_BADGE.waiting,
      )}
    >
      <Hourglass aria-hidden className="size-3.5" />
      {limited.until
        ? t('sessions.limit.badgeUntil', { until: formatMoment(limited.until, now) })
        : t('sessions.limit.badge')}
    </span>
  );
}
