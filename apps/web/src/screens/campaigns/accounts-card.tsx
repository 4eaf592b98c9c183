import { useTranslation } from 'react-i18next';
import { Card, CardHeader } from '../../components/card.tsx';
import { cx } from '../../components/cx.ts';
import { SessionTag } from '../../components/session-select.tsx';
import { formatCount, formatDateTime } from '../../lib/format.ts';
import type { Campaign, Session } from '../../lib/types.ts';

function Meter({ label, used, cap }: { label: string; used: number; cap: number }) {
  const percent = cap === 0 ? 100 : Math.min(100, Math.round((used / cap) * 100));
  return (
    <div>
      <div className="flex justify-between text-xs text-zinc-600 dark:text-zinc-400">
        <span>{label}</span>
        <span className="tabular-nums">
          {formatCount(used)} / {formatCount(cap)}
        </span>
      </div>
      <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800">
        <div
          className={cx('h-full rounded-full', percent >= 100 ? 'bg-amber-500' : 'bg-sky-500')}
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}

/**
 * Each sending account, live: its status (from the session stream, so a drop shows at once) and how much of
 * its daily cap (shared by all its campaigns) and of its first-contact cap the last 24 hours used.
 */
export function AccountsCard({
  campaign,
  sessions,
}: {
  campaign: Campaign;
  sessions: readonly Session[] | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Card aria-labelledby="accounts-title">
      <CardHeader
        title={campaign.accounts.length === 1 ? t('campaigns.accounts.one') : t('campaigns.accounts.many')}
        id="accounts-title"
      />
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {campaign.accounts.map((a) => {
          const session = sessions?.find((s) => s.id === a.sessionId);
          const cap = a.warmupCap === null ? a.cap : Math.min(a.cap, a.warmupCap);
          return (
            <li key={a.sessionId} className="space-y-3 px-5 py-4" data-testid="campaign-account">
              {session ? <SessionTag session={session} /> : <span className="font-medium">{a.name}</span>}
              <Meter label={t('campaigns.accounts.sent24h')} used={a.sentToday} cap={cap} />
              <Meter
                label={t('campaigns.accounts.newContacts')}
                used={a.newContactsToday}
                cap={a.newContactCap}
              />
              {a.warmupCap !== null && a.warmupCap < a.cap ? (
                <p className="text-xs text-zinc-500 dark:text-zinc-400">
                  {t('campaigns.accounts.warmingUp', { cap: formatCount(a.warmupCap) })}
                </p>
              ) : null}
              {a.limitedUntil ? (
                <p className="text-xs font-medium text-amber-700 dark:text-amber-400">
                  {t('campaigns.accounts.limited', { when: formatDateTime(a.limitedUntil) })}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
