import type { OutboundContent } from '../contract.ts';
import type { PhoneMessage } from './network-log.ts';

/** What the receiving phone sees of a message: its type and text (a file's caption), the file or the place. */
export function onThePhone(content: OutboundContent): {
  message: Pick<PhoneMessage, 'type' | 'text' | 'location'>;
  file?: { data: Buffer; mimetype: string; filename?: string };
} {
  if (content.type === 'text') return { message: { type: 'text', text: content.text } };
  if (content.type === 'location') {
    const { type, ...place } = content;
    return { message: { type, text: '', location: place } };
  }
  const file = { data: Buffer.from(content.data, 'base64'), mimetype: content.mimetype };
  return {
    message: { type: content.kind, text: content.caption ?? '' },
    file: content.filename ? { ...file, filename: content.filename } : file,
  };
}
