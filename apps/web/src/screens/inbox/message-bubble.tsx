import { Check, CheckCheck, CircleAlert, CircleHelp, Clock } from 'lucide-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { LongText } from '../../components/long-text.tsx';
import { sayCoded } from '../../lib/coded.ts';
import { formatDateTime, formatTime } from '../../lib/format.ts';
import { type Tick, tickFor, tickLabel } from '../../lib/inbox.ts';
import { unknownOutcomeHint } from '../../lib/message-status.ts';
import type { Message } from '../../lib/types.ts';
import { MessageMedia } from '../media/message-media.tsx';

const TICK_ICON = {
  pending: Clock,
  sent: Check,
  delivered: CheckCheck,
  read: CheckCheck,
  failed: CircleAlert,
  unknown: CircleHelp,
};

/** Memoised: a receipt re-renders the bubble of the message it changed. */
export const Bubble = memo(function Bubble({ message }: { message: Message }) {
  const { t } = useTranslation();
  const outgoing = message.direction === 'out';
  const tick = tickFor(message);
  return (
    <div
      className={cx(
        'max-w-[85%] rounded-2xl px-3.5 py-2 text-sm shadow-sm sm:max-w-[75%]',
        outgoing
          ? 'rounded-ee-md bg-emerald-600 text-white dark:bg-emerald-700'
          : 'rounded-es-md bg-white text-zinc-900 ring-1 ring-zinc-900/5 dark:bg-zinc-800 dark:text-zinc-100 dark:ring-white/10',
      )}
    >
      <span className="sr-only">{outgoing ? t('inbox.you') : t('inbox.they')} </span>
      {message.media || message.location ? (
        <div className="-mx-1.5 mt-0.5 mb-1">
          <MessageMedia message={message} outgoing={outgoing} />
        </div>
      ) : null}
      {message.body ? <LongText text={message.body} /> : null}
      <p
        className={cx(
          'mt-1 flex items-center justify-end gap-1.5 text-[11px]',
          outgoing ? 'text-emerald-50/90' : 'text-zinc-500 dark:text-zinc-400',
        )}
      >
        <time dateTime={new Date(message.createdAt).toISOString()} title={formatDateTime(message.createdAt)}>
          {formatTime(message.createdAt)}
        </time>
        {tick ? <TickMark tick={tick} /> : null}
      </p>
      {message.status === 'failed' && message.error ? (
        <p className="mt-1 rounded-md bg-white/90 px-2 py-1 text-xs text-red-700 dark:bg-zinc-950/80 dark:text-red-300">
          {sayCoded(message.error, message.errorCoded)}
        </p>
      ) : null}
      {message.status === 'unknown' ? (
        <p className="mt-1 rounded-md bg-white/90 px-2 py-1 text-xs text-amber-800 dark:bg-zinc-950/80 dark:text-amber-300">
          {unknownOutcomeHint()}.
        </p>
      ) : null}
    </div>
  );
});

function TickMark({ tick }: { tick: Exclude<Tick, null> }) {
  // Subscribed to the language: the label is read from the catalogue shown now.
  useTranslation();
  const Icon = TICK_ICON[tick];
  return (
    <span
      data-testid="tick"
      data-tick={tick}
      title={tick === 'unknown' ? unknownOutcomeHint() : undefined}
      className={cx(
        'inline-flex items-center gap-0.5 font-medium',
        tick === 'read' && 'text-sky-200',
        tick === 'failed' && 'rounded bg-red-100 px-1 text-red-700',
        tick === 'unknown' && 'rounded bg-amber-100 px-1 text-amber-800',
      )}
    >
      <Icon aria-hidden className="size-3.5" />
      {tickLabel(tick)}
    </span>
  );
}
