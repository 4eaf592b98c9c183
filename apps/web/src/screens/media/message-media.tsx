import { formatBytes, mapUrl } from '@switchboard/validators';
import { Download, ExternalLink, FileText, ImageOff, MapPin, Mic, Music, Play } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import type { MessageMedia as Media, Message, MessageLocation } from '../../lib/types.ts';
import { Lightbox } from './lightbox.tsx';

/** What of a message its file is shown from: a stored message, or one a campaign is about to send. */
type Shown = Pick<Message, 'type' | 'body' | 'media' | 'location'>;

/**
 * What a message carries besides text, as the inbox and the message list show it: photos and videos inline
 * (opening in a lightbox), a player for audio and voice notes, a chip for documents, a card with a map link
 * for places — and, for a file that was not kept, what it was and why it is missing.
 */
export function MessageMedia({ message, outgoing }: { message: Shown; outgoing: boolean }) {
  if (message.type === 'location' && message.location)
    return <PlaceCard place={message.location} outgoing={outgoing} />;
  const { media } = message;
  if (!media) return null;
  if (!media.url) return <Missing message={message} media={media} outgoing={outgoing} />;
  switch (message.type) {
    case 'image':
    case 'sticker':
      return <Photo message={message} url={media.url} />;
    case 'video':
      return <Video message={message} url={media.url} />;
    case 'audio':
    case 'voice':
      return <Sound message={message} media={media} url={media.url} outgoing={outgoing} />;
    default:
      return <DocumentChip media={media} url={media.url} outgoing={outgoing} />;
  }
}

const tile = 'block overflow-hidden rounded-xl bg-zinc-900/5 dark:bg-white/5';

function Photo({ message, url }: { message: Shown; url: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const sticker = message.type === 'sticker';
  const label = sticker
    ? t('media.types.sticker')
    : message.body
      ? t('media.photoWithCaption', { caption: message.body })
      : t('media.types.image');
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={sticker ? t('media.openSticker') : t('media.openPhoto')}
        className={cx(tile, 'cursor-zoom-in', sticker && 'bg-transparent dark:bg-transparent')}
      >
        <img
          src={url}
          alt={label}
          loading="lazy"
          data-testid="message-image"
          className={cx(sticker ? 'size-32 object-contain' : 'max-h-72 w-full min-w-40 object-cover')}
        />
      </button>
      {open ? <Lightbox kind="image" url={url} title={label} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function Video({ message, url }: { message: Shown; url: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const label = message.body
    ? t('media.videoWithCaption', { caption: message.body })
    : t('media.types.video');
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={t('media.playVideo')}
        className={cx(tile, 'relative min-w-48 cursor-pointer')}
      >
        <video src={url} preload="metadata" muted playsInline className="max-h-72 w-full object-cover" />
        <span className="absolute inset-0 flex items-center justify-center">
          <span className="flex size-12 items-center justify-center rounded-full bg-zinc-950/60 text-white backdrop-blur-sm">
            <Play aria-hidden className="ms-0.5 size-6 rtl:-scale-x-100" />
          </span>
        </span>
      </button>
      {open ? <Lightbox kind="video" url={url} title={label} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function Sound({
  message,
  media,
  url,
  outgoing,
}: {
  message: Shown;
  media: Media;
  url: string;
  outgoing: boolean;
}) {
  const { t } = useTranslation();
  const voice = message.type === 'voice';
  const Icon = voice ? Mic : Music;
  return (
    <div className="flex min-w-64 items-center gap-2.5">
      <span
        className={cx(
          'flex size-9 shrink-0 items-center justify-center rounded-full',
          outgoing
            ? 'bg-white/20 text-white'
            : 'bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300',
        )}
      >
        <Icon aria-hidden className="size-[18px]" />
      </span>
      <div className="min-w-0 flex-1">
        {/* biome-ignore lint/a11y/useMediaCaption: WhatsApp voice notes and audio come without captions to offer. */}
        <audio
          src={url}
          controls
          preload="metadata"
          data-testid={voice ? 'voice-note' : 'audio'}
          aria-label={voice ? t('media.types.voice') : (media.filename ?? t('media.types.audio'))}
          className="h-9 w-full min-w-48"
        />
        {!voice && media.filename ? (
          <p className="mt-0.5 truncate text-xs opacity-80">{media.filename}</p>
        ) : null}
      </div>
    </div>
  );
}

function DocumentChip({ media, url, outgoing }: { media: Media; url: string; outgoing: boolean }) {
  const { t } = useTranslation();
  const name = media.filename ?? t('media.types.document');
  const extension = name.includes('.') ? name.split('.').at(-1)?.toUpperCase() : null;
  return (
    <a
      href={url}
      download={name}
      data-testid="document-chip"
      className={cx(
        'flex min-w-56 items-center gap-3 rounded-xl px-3 py-2.5 ring-1 ring-inset transition-colors',
        outgoing
          ? 'bg-white/15 ring-white/20 hover:bg-white/25'
          : 'bg-zinc-50 ring-zinc-900/10 hover:bg-zinc-100 dark:bg-zinc-900 dark:ring-white/10 dark:hover:bg-zinc-950',
      )}
    >
      <FileText aria-hidden className="size-8 shrink-0 opacity-80" />
      <span className="min-w-0 flex-1">
        <span className="block truncate text-sm font-medium">{name}</span>
        <span className="block text-xs opacity-75">
          {[extension, media.size === null ? null : formatBytes(media.size)].filter(Boolean).join(' · ')}
        </span>
      </span>
      <Download aria-hidden className="size-4 shrink-0 opacity-80" />
      <span className="sr-only">{t('common.download')}</span>
    </a>
  );
}

function PlaceCard({ place, outgoing }: { place: MessageLocation; outgoing: boolean }) {
  const { t } = useTranslation();
  const coordinates = `${place.latitude.toFixed(5)}, ${place.longitude.toFixed(5)}`;
  return (
    <a
      href={mapUrl(place)}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="location"
      className={cx(
        'flex min-w-56 items-start gap-3 rounded-xl px-3 py-2.5 ring-1 ring-inset transition-colors',
        outgoing
          ? 'bg-white/15 ring-white/20 hover:bg-white/25'
          : 'bg-zinc-50 ring-zinc-900/10 hover:bg-zinc-100 dark:bg-zinc-900 dark:ring-white/10 dark:hover:bg-zinc-950',
      )}
    >
      <MapPin aria-hidden className="mt-0.5 size-5 shrink-0" />
      <span className="min-w-0 flex-1">
        <span className="block text-sm font-medium">{place.name ?? t('media.types.location')}</span>
        {place.address ? <span className="block text-xs opacity-85">{place.address}</span> : null}
        <span dir="ltr" className="mt-0.5 block text-start text-xs tabular-nums opacity-70">
          {coordinates}
        </span>
      </span>
      <span className="inline-flex shrink-0 items-center gap-1 text-xs font-medium">
        {t('media.map')} <ExternalLink aria-hidden className="size-3.5" />
      </span>
    </a>
  );
}

function Missing({ message, media, outgoing }: { message: Shown; media: Media; outgoing: boolean }) {
  const { t } = useTranslation();
  const what = [
    t(`media.types.${message.type}`),
    media.filename,
    media.size === null ? null : formatBytes(media.size),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <div
      data-testid="media-missing"
      className={cx(
        'flex min-w-56 items-start gap-2.5 rounded-xl px-3 py-2.5 text-xs ring-1 ring-inset',
        outgoing
          ? 'bg-white/10 ring-white/20'
          : 'bg-zinc-50 ring-zinc-900/10 dark:bg-zinc-900 dark:ring-white/10',
      )}
    >
      <ImageOff aria-hidden className="mt-0.5 size-4 shrink-0 opacity-70" />
      <span>
        <span className="block font-medium">{what}</span>
        <span className="block opacity-80">{media.missing ?? t('media.notStored')}</span>
      </span>
    </div>
  );
}
