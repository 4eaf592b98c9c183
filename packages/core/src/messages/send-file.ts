import type { Actor } from '../access.ts';
import type { MediaService, MessageFile } from '../media/service.ts';
import type { Composed } from './compose.ts';

/**
 * The stored file a checked send carries, if any: an upload of the sending session's, or the file at its
 * URL, fetched now — so a refused or failing URL is the caller's error, not a failed message.
 */
export async function sendFile(
  media: MediaService,
  actor: Actor,
  sessionId: string,
  content: Composed,
): Promise<MessageFile | null> {
  if (!('media' in content)) return null;
  const source = content.media;
  const id =
    'id' in source
      ? source.id
      : (await media.fetch(actor, { sessionId, url: source.url, type: content.type })).id;
  const file = media.attach(sessionId, id, content.type);
  if (content.filename) file.info.filename = content.filename;
  return file;
}
