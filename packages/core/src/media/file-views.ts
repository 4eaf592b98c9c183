import type { MessageMedia } from '@switchboard/db';
import { FILENAME_MAX_LENGTH, type MediaOrigin } from '@switchboard/validators';

/** A stored file of an account, as the API shows it. */
export interface MediaView {
  id: string;
  accountId: string;
  mimetype: string;
  size: number;
  sha256: string;
  filename: string | null;
  origin: MediaOrigin;
  createdAt: number;
  /** Where to GET it, signed in. */
  url: string;
}

/** A stored file, ready to be read. */
export interface StoredFile extends MediaView {
  path: string;
}

/** A message's file: the stored one (null when it was not kept) and what the message says about it. */
export interface MessageFile {
  mediaId: string | null;
  info: MessageMedia;
}

/** What callers see of a stored file: never where it lies on the server's disk. */
export const viewOf = ({ path, ...view }: StoredFile): MediaView => view;

export const messageFile = (file: StoredFile): MessageFile => ({
  mediaId: file.id,
  info: {
    mimetype: file.mimetype,
    size: file.size,
    filename: file.filename,
    sha256: file.sha256,
    missing: null,
  },
});

/** A name as it came (a path, control characters, any length) → what a recipient may see, or null. */
export function cleanFilename(name: string | null | undefined): string | null {
  const base = (name ?? '')
    .split(/[\\/]/)
    .at(-1)
    ?.replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, FILENAME_MAX_LENGTH);
  return base || null;
}
