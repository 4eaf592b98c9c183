import { Star } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { useToast } from '../../components/toaster.tsx';
import { errorMessage } from '../../lib/errors.ts';
import type { Session } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';

/** The session the user's sends go from when they name none (API calls with no sender, the Messages screen). */
export function useDefaultSender(): string | null {
  return (
    trpc.messages.defaultSender.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY }).data
      ?.sessionId ?? null
  );
}

/** A star that makes the session the default sender, or, when it is, clears that. */
export function DefaultSenderToggle({ session }: { session: Session }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const toast = useToast();
  const isDefault = useDefaultSender() === session.id;
  const set = trpc.messages.setDefaultSender.useMutation({
    onSuccess: (result) => {
      utils.messages.defaultSender.setData(undefined, result);
      toast.success(
        result.sessionId
          ? t('sessions.defaultSender.nowDefault', { name: session.name })
          : t('sessions.defaultSender.cleared'),
      );
    },
    onError: (e) => toast.info(t('sessions.defaultSender.failed', { error: errorMessage(e) })),
  });
  return (
    <button
      type="button"
      aria-pressed={isDefault}
      aria-label={
        isDefault
          ? t('sessions.defaultSender.isDefault', { name: session.name })
          : t('sessions.defaultSender.makeDefault', { name: session.name })
      }
      title={
        isDefault ? t('sessions.defaultSender.isDefaultHint') : t('sessions.defaultSender.makeDefaultHint')
      }
      disabled={set.isPending}
      onClick={() => set.mutate({ sessionId: isDefault ? null : session.id })}
      className={cx(
        'inline-flex shrink-0 items-center gap-1 rounded-full px-1.5 py-0.5 text-xs font-medium transition-colors',
        isDefault
          ? 'bg-amber-50 text-amber-800 ring-1 ring-amber-600/25 ring-inset hover:bg-amber-100 dark:bg-amber-950 dark:text-amber-300'
          : 'text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 dark:text-zinc-500 dark:hover:bg-zinc-800 dark:hover:text-zinc-200',
      )}
    >
      <Star aria-hidden className={cx('size-3.5', isDefault && 'fill-current')} />
      {isDefault ? t('sessions.defaultSender.badge') : null}
    </button>
  );
}
