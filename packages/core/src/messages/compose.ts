import {
  CAPTION_MAX_LENGTH,
  CAPTION_TYPES,
  FILENAME_MAX_LENGTH,
  isMediaType,
  LOCATION_TEXT_MAX_LENGTH,
  MESSAGE_TYPE_LABELS,
  type MediaType,
  type MessageLocation,
  type MessageType,
} from '@switchboard/validators';
import { AppError } from '../errors.ts';
import type { SenderChoice } from './sender.ts';

/**
 * What `messages.send` takes: who sends (see `SenderChoice`) or a pool (`poolId`) whose account is picked per
 * recipient, a text, a file (stored, or at a URL) with a caption, or a place.
 */
export interface SendInput extends SenderChoice {
  poolId?: string | null;
  to: string;
  /** `text` when not given. */
  type?: MessageType | null;
  text?: string | null;
  caption?: string | null;
  /** A file uploaded for this session (`id`), or an http(s) URL the server fetches: one of the two. */
  media?: { id?: string | null; url?: string | null } | null;
  /** The name a document is shown with; the file's own name when not given. */
  filename?: string | null;
  location?: {
    latitude: number;
    longitude: number;
    name?: string | null;
    address?: string | null;
  } | null;
  /** The same key from the same user within 24 hours returns the first send's message, sending nothing. */
  idempotencyKey?: string | null | undefined;
}

/** A send's content, checked: its type and text, the file it needs (still to resolve) or its place. */
export type Composed =
  | { type: 'text'; body: string }
  | { type: MediaType; body: string; media: { id: string } | { url: string }; filename: string | null }
  | { type: 'location'; body: ''; location: MessageLocation };

const bad = (message: string) => new AppError('BAD_REQUEST', message);
/** "A photo", "An audio": a type as the subject of a sentence. */
const aType = (type: MessageType) => {
  const label = MESSAGE_TYPE_LABELS[type].toLowerCase();
  return `${/^[aeiou]/.test(label) ? 'An' : 'A'} ${label}`;
};

/**
 * Checks what a send carries before anything is stored or fetched: each type takes exactly its own fields,
 * so a mistake (a caption on a voice note, a text with a file) is refused with a sentence saying so.
 */
export function compose(input: SendInput, maxTextLength: number): Composed {
  const type = input.type ?? 'text';
  const given = (['text', 'caption', 'media', 'filename', 'location'] as const).filter(
    (field) => input[field] !== undefined && input[field] !== null,
  );
  const allowed: readonly string[] =
    type === 'text'
      ? ['text']
      : type === 'location'
        ? ['location']
        : type === 'document'
          ? ['media', 'caption', 'filename']
          : CAPTION_TYPES.includes(type)
            ? ['media', 'caption']
            : ['media'];
  const extra = given.find((field) => !allowed.includes(field));
  if (extra)
    throw bad(
      extra === 'caption'
        ? `${aType(type)} cannot have a caption on WhatsApp`
        : `${aType(type)} takes ${allowed.map((f) => `"${f}"`).join(', ')}, not "${extra}"`,
    );

  if (type === 'text') return { type, body: checkText(input.text ?? '', maxTextLength) };
  if (type === 'location') return { type, body: '', location: checkPlace(input.location) };
  if (!isMediaType(type)) throw bad(`Unknown message type "${type}"`);
  const { id, url } = input.media ?? {};
  if (!id === !url)
    throw bad(`${aType(type)} needs "media": { "id" } of an upload, or { "url" } to fetch — one of the two`);
  const caption = input.caption ?? '';
  if (caption.length > CAPTION_MAX_LENGTH)
    throw bad(`The caption is ${caption.length} characters long; WhatsApp allows ${CAPTION_MAX_LENGTH}`);
  const filename = input.filename?.trim() || null;
  if (filename && filename.length > FILENAME_MAX_LENGTH)
    throw bad(`The file name must be at most ${FILENAME_MAX_LENGTH} characters`);
  return { type, body: caption, media: id ? { id } : { url: url! }, filename };
}

function checkText(text: string, maxTextLength: number): string {
  if (text.trim().length === 0) throw bad('Message text is empty');
  if (text.length > maxTextLength)
    throw bad(`Message text is ${text.length} characters long; the limit is ${maxTextLength}`);
  return text;
}

function checkPlace(place: SendInput['location']): MessageLocation {
  if (!place) throw bad('A location needs "location": { "latitude", "longitude" }');
  const { latitude, longitude } = place;
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90)
    throw bad('The latitude must be between -90 and 90 degrees');
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180)
    throw bad('The longitude must be between -180 and 180 degrees');
  const text = (value: string | null | undefined, what: string) => {
    const trimmed = value?.trim() || null;
    if (trimmed && trimmed.length > LOCATION_TEXT_MAX_LENGTH)
      throw bad(`The location's ${what} must be at most ${LOCATION_TEXT_MAX_LENGTH} characters`);
    return trimmed;
  };
  return { latitude, longitude, name: text(place.name, 'name'), address: text(place.address, 'address') };
}
