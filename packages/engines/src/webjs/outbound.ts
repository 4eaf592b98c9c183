import type { MessageContent, MessageSendOptions, Location as WwebLocation } from 'whatsapp-web.js';
import wweb from 'whatsapp-web.js';
import type { OutboundContent } from '../contract.ts';

const { Location, MessageMedia } = wweb;

/**
 * What whatsapp-web.js's `sendMessage` takes for a message: the content and the options that make a file a
 * voice note, a sticker or a document. `sendSeen: false` — sending must not mark the other side's messages
 * as read.
 */
export function sendArguments(content: OutboundContent): [MessageContent, MessageSendOptions] {
  if (content.type === 'text') return [content.text, { sendSeen: false }];
  if (content.type === 'location') {
    const place: WwebLocation = new Location(content.latitude, content.longitude, {
      ...(content.name ? { name: content.name } : {}),
      ...(content.address ? { address: content.address } : {}),
    });
    return [place, { sendSeen: false }];
  }
  // WhatsApp shows a document under its name; whatsapp-web.js would call a nameless one "null".
  const filename = content.filename ?? (content.kind === 'document' ? 'Document' : null);
  const media = new MessageMedia(content.mimetype, content.data, filename);
  return [
    media,
    {
      sendSeen: false,
      ...(content.caption ? { caption: content.caption } : {}),
      ...(content.kind === 'voice' ? { sendAudioAsVoice: true } : {}),
      ...(content.kind === 'sticker' ? { sendMediaAsSticker: true } : {}),
      ...(content.kind === 'document' ? { sendMediaAsDocument: true } : {}),
    },
  ];
}
