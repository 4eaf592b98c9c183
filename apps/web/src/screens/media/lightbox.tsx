import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/dialog.tsx';

/** A photo or video at full size, over the page; Escape or a click beside it closes it. */
export function Lightbox({
  kind,
  url,
  title,
  onClose,
}: {
  kind: 'image' | 'video';
  url: string;
  title: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog title={title} onClose={onClose} size="lg" className="lightbox">
      <div className="-mx-1 flex max-h-[70dvh] items-center justify-center overflow-hidden rounded-xl bg-zinc-950">
        {kind === 'image' ? (
          <img src={url} alt={title} className="max-h-[70dvh] w-auto max-w-full object-contain" />
        ) : (
          // biome-ignore lint/a11y/useMediaCaption: WhatsApp videos come without captions to offer.
          <video src={url} controls autoPlay className="max-h-[70dvh] w-full" />
        )}
      </div>
      <div className="mt-4 flex justify-end">
        <a
          href={url}
          download
          className="inline-flex h-9 items-center gap-2 rounded-lg px-3 text-sm font-medium text-zinc-700 ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 dark:text-zinc-200 dark:ring-zinc-700 dark:hover:bg-zinc-800"
        >
          <Download aria-hidden className="size-4" />
          {t('common.download')}
        </a>
      </div>
    </Dialog>
  );
}
