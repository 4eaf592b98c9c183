import {
  formatBytes,
  MEDIA_FORMAT_NAMES,
  MEDIA_TYPES,
  type MediaType,
  mediaTypeAccepts,
} from '@switchboard/validators';
import { AppError } from '../errors.ts';
import type { Sniffed } from './sniff.ts';

/** The largest file each type may be, in bytes. */
export type MediaLimits = Readonly<Record<MediaType, number>>;

/** The setting that changes each type's cap, named in refusals so an operator knows what to change. */
const LIMIT_SETTING: Readonly<Record<MediaType, string>> = {
  image: 'MEDIA_MAX_IMAGE_MB',
  video: 'MEDIA_MAX_VIDEO_MB',
  audio: 'MEDIA_MAX_AUDIO_MB',
  voice: 'MEDIA_MAX_AUDIO_MB',
  document: 'MEDIA_MAX_DOCUMENT_MB',
  sticker: 'MEDIA_MAX_STICKER_MB',
};

/** How a type reads inside a sentence: "an image", "a voice note". */
const A_TYPE: Readonly<Record<MediaType, string>> = {
  image: 'an image',
  video: 'a video',
  audio: 'an audio file',
  voice: 'a voice note',
  document: 'a document',
  sticker: 'a sticker',
};

/** The cap for a file whose type is not known yet: the largest any type allows. */
export const largestLimit = (limits: MediaLimits) => Math.max(...MEDIA_TYPES.map((type) => limits[type]));

/** "Files for an image may be at most 5 MB (MEDIA_MAX_IMAGE_MB)", or the overall cap when no type is known. */
export function tooLarge(type: MediaType | null, limits: MediaLimits): AppError {
  if (!type)
    return new AppError(
      'PAYLOAD_TOO_LARGE',
      `The file is larger than ${formatBytes(largestLimit(limits))}, the most any message may carry`,
      { reason: 'media.too_large', params: { type: 'any', limit: formatBytes(largestLimit(limits)) } },
    );
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The file is larger than ${formatBytes(limits[type])}, the most ${A_TYPE[type]} may be (${LIMIT_SETTING[type]})`,
    { reason: 'media.too_large', params: { type, limit: formatBytes(limits[type]) } },
  );
}

/** Refuses a file that cannot be sent as `type`: the wrong format (from its bytes) or over the type's cap. */
export function checkFits(type: MediaType, file: Sniffed & { size: number }, limits: MediaLimits): void {
  if (!mediaTypeAccepts(type, file.mimetype)) {
    const what = file.format ? `${file.format.toUpperCase()} (${file.mimetype})` : file.mimetype;
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `The file is ${what}, which cannot be sent as ${A_TYPE[type]}: that needs ${MEDIA_FORMAT_NAMES[type]}. Send it as a document instead`,
    );
  }
  if (file.size > limits[type])
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `The file is ${formatBytes(file.size)}; ${A_TYPE[type]} may be at most ${formatBytes(limits[type])} (${LIMIT_SETTING[type]})`,
      { reason: 'media.too_large', params: { type, limit: formatBytes(limits[type]) } },
    );
}

/** Why a received file was not kept because of its size, for the message to say. */
export const notKeptForSize = (type: MediaType, size: number, limits: MediaLimits) =>
  `Not kept: ${formatBytes(size)} is over the ${formatBytes(limits[type])} limit for ${A_TYPE[type].replace(/^an? /, '')}s (${LIMIT_SETTING[type]})`;
