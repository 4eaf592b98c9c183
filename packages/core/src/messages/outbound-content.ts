import type { Message } from '@switchboard/db';
import type { OutboundContent } from '@switchboard/engines/contract';

/**
 * What an engine is handed for a stored message: its text, its place, or its file read from storage (at
 * send time, so a queued message holds no copy of the bytes in memory).
 */
export async function outboundContent(
  row: Message,
  readBase64: (mediaId: string) => Promise<string>,
): Promise<OutboundContent> {
  if (row.type === 'text') return { type: 'text', text: row.body };
  if (row.type === 'location' && row.location) {
    const { latitude, longitude, name, address } = row.location;
    return {
      type: 'location',
      latitude,
      longitude,
      ...(name ? { name } : {}),
      ...(address ? { address } : {}),
    };
  }
  if (row.type === 'location' || !row.mediaId || !row.media?.mimetype)
    throw new Error('The message lost what it was to carry before it could be sent');
  return {
    type: 'media',
    kind: row.type,
    mimetype: row.media.mimetype,
    data: await readBase64(row.mediaId),
    ...(row.media.filename ? { filename: row.media.filename } : {}),
    ...(row.body ? { caption: row.body } : {}),
  };
}
