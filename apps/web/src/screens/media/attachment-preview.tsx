import { formatBytes, type MediaType } from '@switchboard/validators';
import { CircleAlert, CircleCheck, FileText, Music, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import type { Attachment } from './use-attachment.ts';

/** The file about to be sent: a preview, what to send it as, how far its upload is, and a way to remove it. */
export function AttachmentPreview({
  attachment,
  onType,
  onRemove,
}: {
  attachment: Attachment;
  onType: (type: MediaType) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { file, status, progress, error, options, type } = attachment;
  const percent = Math.round(progress * 100);
  return (
    <div
      data-testid="attachment"
      data-status={status}
      className="flex gap-3 rounded-xl bg-zinc-50 p-2.5 ring-1 ring-zinc-900/5 dark:bg-zinc-800/60 dark:ring-white/10"
    >
      <Thumbnail attachment={attachment} />
      <div className="min-w-0 flex-1">
        <div className="flex items-start justify-between gap-2">
          <div className="min-w-0">
            <p className="truncate text-sm font-medium" title={file.name}>
              {file.name}
            </p>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              {formatBytes(file.size)}
              {status === 'ready' ? (
                <span className="ms-1.5 inline-flex items-center gap-1 text-emerald-700 dark:text-emerald-400">
                  <CircleCheck aria-hidden className="size-3.5" /> {t('media.uploaded')}
                </span>
              ) : null}
            </p>
          </div>
          <button
            type="button"
            onClick={onRemove}
            aria-label={t('media.remove', { name: file.name })}
            className="-mt-0.5 -me-0.5 rounded-md p-1 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-800 dark:text-zinc-400 dark:hover:bg-zinc-700 dark:hover:text-zinc-100"
          >
            <X aria-hidden className="size-4" />
          </button>
        </div>
        {file.type.startsWith('audio/') ? (
          // biome-ignore lint/a11y/useMediaCaption: a recording being attached has no captions to offer.
          <audio
            src={attachment.previewUrl}
            controls
            preload="metadata"
            className="mt-1.5 h-8 w-full max-w-72"
          />
        ) : null}
        {options.length > 1 ? (
          <fieldset className="mt-1.5 flex flex-wrap items-center gap-1">
            <legend className="sr-only">{t('media.sendAs')}</legend>
            <span aria-hidden className="me-0.5 text-xs text-zinc-500 dark:text-zinc-400">
              {t('media.sendAs')}
            </span>
            {options.map((option) => (
              <label
                key={option}
                className={cx(
                  'cursor-pointer rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-emerald-600',
                  option === type
                    ? 'bg-emerald-600 text-white ring-emerald-600 dark:bg-emerald-500 dark:text-emerald-950 dark:ring-emerald-500'
                    : 'bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-100 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800',
                )}
              >
                <input
                  type="radio"
                  name={`send-as-${file.name}`}
                  value={option}
                  checked={option === type}
                  onChange={() => onType(option)}
                  className="sr-only"
                />
                {t(`media.types.${option}`)}
              </label>
            ))}
          </fieldset>
        ) : null}
        {status === 'uploading' ? (
          <div className="mt-2 flex items-center gap-2">
            <div
              role="progressbar"
              aria-label={t('media.uploading', { name: file.name })}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              className="h-1.5 flex-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
            >
              <div
                className="h-full rounded-full bg-emerald-600 transition-[width] duration-150 dark:bg-emerald-500"
                style={{ width: `${percent}%` }}
              />
            </div>
            <span className="w-9 text-end text-xs tabular-nums text-zinc-500 dark:text-zinc-400">
              {percent}%
            </span>
          </div>
        ) : null}
        {status === 'failed' && error ? (
          <p role="alert" className="mt-1.5 flex gap-1.5 text-xs text-red-700 dark:text-red-400">
            <CircleAlert aria-hidden className="mt-px size-3.5 shrink-0" />
            <span>{error}</span>
          </p>
        ) : null}
      </div>
    </div>
  );
}

function Thumbnail({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation();
  const { file, previewUrl, type } = attachment;
  // A file named like a picture may be none: it is shown only once the browser could decode it.
  const [decoded, setDecoded] = useState<boolean | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  useEffect(() => {
    if (!file.type.startsWith('image/')) return;
    let current = true;
    createImageBitmap(file).then(
      (bitmap) => {
        bitmap.close();
        if (current) setDecoded(true);
      },
      () => {
        if (current) setDecoded(false);
      },
    );
    return () => {
      current = false;
    };
  }, [file]);
  const box = 'size-16 shrink-0 overflow-hidden rounded-lg bg-zinc-200 dark:bg-zinc-700';
  if (decoded)
    return (
      <img
        src={previewUrl}
        alt={t('media.previewOf', { name: file.name })}
        data-testid="attachment-preview-image"
        className={cx(box, type === 'sticker' ? 'object-contain' : 'object-cover')}
      />
    );
  if (decoded === null && file.type.startsWith('image/')) return <div className={box} />;
  if (file.type.startsWith('video/') && !unreadable)
    return (
      <video
        src={previewUrl}
        muted
        playsInline
        preload="metadata"
        onError={() => setUnreadable(true)}
        className={cx(box, 'object-cover')}
      />
    );
  const Icon = file.type.startsWith('audio/') ? Music : FileText;
  return (
    <div
      className={cx(
        box,
        'flex flex-col items-center justify-center gap-0.5 text-zinc-500 dark:text-zinc-300',
      )}
    >
      <Icon aria-hidden className="size-6" />
      <span className="max-w-14 truncate text-[10px] font-semibold uppercase">
        {file.name.split('.').at(-1) ?? t(`media.types.${type}`)}
      </span>
    </div>
  );
}
