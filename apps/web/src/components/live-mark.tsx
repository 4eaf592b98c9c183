import { useTranslation } from 'react-i18next';

/** "• Live": this panel follows the server as things happen, with no Refresh. */
export function LiveMark() {
  const { t } = useTranslation();
  return (
    <span className="inline-flex items-center gap-1.5 text-xs font-normal text-zinc-500 dark:text-zinc-400">
      <span aria-hidden className="size-1.5 rounded-full bg-emerald-500" />
      {t('common.live')}
    </span>
  );
}
