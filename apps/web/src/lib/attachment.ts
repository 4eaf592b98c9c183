import { CAPTION_TYPES, formatBytes, MEDIA_MIME_TYPES, type MediaType } from '@switchboard/validators';
import { i18n } from '../i18n/i18n.ts';
import type { LocationInput } from './place.ts';

/**
 * What a picked file can be sent as, the likeliest first: a photo can also go as a document (uncompressed),
 * a WebP as a sticker, an Ogg recording as a voice message. Browsers name an Ogg file `audio/ogg` without
 * its codec; the server checks the bytes and says so if it is not Opus.
 */
export function sendOptions(mimetype: string): MediaType[] {
  const base = mimetype.split(';')[0]?.trim().toLowerCase() ?? '';
  if (base === 'image/webp') return ['image', 'sticker', 'document'];
  if (MEDIA_MIME_TYPES.image.includes(base)) return ['image', 'document'];
  if (MEDIA_MIME_TYPES.video.includes(base)) return ['video', 'document'];
  if (base === 'audio/ogg' || base === 'audio/opus') return ['voice', 'audio', 'document'];
  if (MEDIA_MIME_TYPES.audio.includes(base) || base === 'audio/mp3') return ['audio', 'document'];
  return ['document'];
}

export type MediaLimits = Readonly<Record<MediaType, number>>;

/** Why a file of `size` bytes cannot go as `type` on this server, or null when it fits. */
export function sizeProblem(size: number, type: MediaType, limits: MediaLimits | undefined): string | null {
  if (size === 0) return i18n.t('forms.file.empty');
  const limit = limits?.[type];
  if (limit === undefined || size <= limit) return null;
  const problem = i18n.t('forms.file.tooLarge', {
    size: formatBytes(size),
    type: i18n.t(`media.types.${type}`).toLowerCase(),
    limit: formatBytes(limit),
  });
  const asDocument = type !== 'document' && limits && size <= limits.document;
  return asDocument ? `${problem} ${i18n.t('forms.file.asDocument')}` : problem;
}

/** Whether WhatsApp shows a caption under this type (photos, videos, documents). */
export const takesCaption = (type: MediaType) => CAPTION_TYPES.includes(type);

/** The first of the files picked, dropped or pasted: a message carries one file. */
export function pickFile(files: FileList | readonly File[] | null | undefined): File | null {
  const list = files ? Array.from(files) : [];
  return list[0] ?? null;
}

/** What `messages.send` is called with. */
export interface SendInput {
  sessionId: string;
  to: string;
  type?: MediaType | 'location';
  text?: string;
  caption?: string;
  media?: { id: string };
  location?: LocationInput;
}

/**
 * The sends a composed message takes: the text alone; a file with the text as its caption; or, for a place
 * and for files WhatsApp shows no caption under (voice notes, audio, stickers), that first and then the text
 * on its own.
 */
export function messagesToSend(input: {
  sessionId: string;
  to: string;
  text: string;
  file: { type: MediaType; mediaId: string } | null;
  place?: LocationInput | null;
}): SendInput[] {
  const { sessionId, to, text, file, place } = input;
  const hasText = text.trim().length > 0;
  const then = hasText ? [{ sessionId, to, text }] : [];
  if (place) return [{ sessionId, to, type: 'location', location: place }, ...then];
  if (!file) return then;
  const media = { sessionId, to, type: file.type, media: { id: file.mediaId } };
  if (takesCaption(file.type)) return [hasText ? { ...media, caption: text } : media];
  return [media, ...then];
}
