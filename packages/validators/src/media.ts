/**
 * What a message can be and what each kind of file may contain. The server enforces these rules on the
 * bytes it receives; the dashboard applies the same ones to pick a type and refuse a file before uploading.
 */

/** Every message says which of these it is, in the API and in webhook payloads. */
export const MESSAGE_TYPES = [
  'text',
  'image',
  'video',
  'audio',
  'voice',
  'document',
  'sticker',
  'location',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** The message types that carry a file. */
export const MEDIA_TYPES = ['image', 'video', 'audio', 'voice', 'document', 'sticker'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export const isMediaType = (type: string): type is MediaType =>
  (MEDIA_TYPES as readonly string[]).includes(type);

/** Where a stored file came from. */
export const MEDIA_ORIGINS = ['upload', 'url', 'received'] as const;
export type MediaOrigin = (typeof MEDIA_ORIGINS)[number];

/** WhatsApp shows a caption under these; the others cannot have one. */
export const CAPTION_TYPES: readonly MediaType[] = ['image', 'video', 'document'];

/** WhatsApp's own caption limit. */
export const CAPTION_MAX_LENGTH = 1024;

/** A document's name as the recipient sees it. */
export const FILENAME_MAX_LENGTH = 255;

/**
 * The file formats each type accepts, as sniffed from the bytes (never from a name or a header). WhatsApp
 * plays, shows or converts these; a document may be any file at all.
 */
export const MEDIA_MIME_TYPES: Readonly<Record<Exclude<MediaType, 'document'>, readonly string[]>> = {
  image: ['image/jpeg', 'image/png', 'image/webp'],
  video: ['video/mp4', 'video/3gpp'],
  audio: [
    'audio/mpeg',
    'audio/mp4',
    'audio/x-m4a',
    'audio/aac',
    'audio/amr',
    'audio/ogg',
    'audio/ogg; codecs=opus',
    'audio/wav',
  ],
  // A voice note is what WhatsApp records itself: Opus in an Ogg container.
  voice: ['audio/ogg; codecs=opus'],
  sticker: ['image/webp'],
};

/** Whether a file of `mimetype` can be sent as `type`. */
export const mediaTypeAccepts = (type: MediaType, mimetype: string): boolean =>
  type === 'document' || MEDIA_MIME_TYPES[type].includes(mimetype);

/** Human names of the accepted formats, for refusals: "JPEG, PNG or WebP". */
export const MEDIA_FORMAT_NAMES: Readonly<Record<MediaType, string>> = {
  image: 'JPEG, PNG or WebP',
  video: 'MP4 or 3GP',
  audio: 'MP3, M4A, AAC, AMR, Ogg or WAV',
  voice: 'Ogg Opus',
  document: 'any file',
  sticker: 'WebP',
};

const MB = 1024 * 1024;

/**
 * Size caps per type, WhatsApp's own limits (its Business Platform's media limits); the server's are
 * configurable and the dashboard reads them from `media.limits`.
 */
export const DEFAULT_MEDIA_MAX_BYTES: Readonly<Record<MediaType, number>> = {
  image: 5 * MB,
  video: 16 * MB,
  audio: 16 * MB,
  voice: 16 * MB,
  document: 100 * MB,
  sticker: 0.5 * MB,
};

/** What people call each type, for previews, labels and refusals. */
export const MESSAGE_TYPE_LABELS: Readonly<Record<MessageType, string>> = {
  text: 'Message',
  image: 'Photo',
  video: 'Video',
  audio: 'Audio',
  voice: 'Voice message',
  document: 'Document',
  sticker: 'Sticker',
  location: 'Location',
};

/** "Photo · Our new menu", "Voice message", or the text itself: how a message reads in one line. */
export function messagePreview(type: MessageType, text: string): string {
  if (type === 'text') return text;
  const label = MESSAGE_TYPE_LABELS[type];
  return text ? `${label} · ${text}` : label;
}

/** A place: latitude and longitude in degrees, with what WhatsApp shows under the map. */
export interface MessageLocation {
  latitude: number;
  longitude: number;
  name: string | null;
  address: string | null;
}

export const LOCATION_TEXT_MAX_LENGTH = 256;

/** A link that opens the place on a map, for people without WhatsApp's own map. */
export const mapUrl = (location: Pick<MessageLocation, 'latitude' | 'longitude'>) =>
  `https://www.openstreetmap.org/?mlat=${location.latitude}&mlon=${location.longitude}#map=16/${location.latitude}/${location.longitude}`;
