import { describe, expect, it } from 'vitest';
import { formatBytes } from './bytes.ts';
import { mediaTypeAccepts, messagePreview } from './media.ts';

describe('media rules', () => {
  it('accepts for each type only the formats WhatsApp takes, and any file as a document', () => {
    expect(mediaTypeAccepts('image', 'image/png')).toBe(true);
    expect(mediaTypeAccepts('image', 'application/x-msdownload')).toBe(false);
    expect(mediaTypeAccepts('voice', 'audio/ogg; codecs=opus')).toBe(true);
    expect(mediaTypeAccepts('voice', 'audio/mpeg')).toBe(false);
    expect(mediaTypeAccepts('sticker', 'image/png')).toBe(false);
    expect(mediaTypeAccepts('document', 'application/x-msdownload')).toBe(true);
  });

  it('reads a message in one line', () => {
    expect(messagePreview('text', 'Hello')).toBe('Hello');
    expect(messagePreview('image', 'Our menu')).toBe('Photo · Our menu');
    expect(messagePreview('voice', '')).toBe('Voice message');
    expect(messagePreview('location', '')).toBe('Location');
  });
});

describe('formatBytes', () => {
  it('uses the largest unit that keeps a readable number', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(1024 * 1024)).toBe('1 MB');
    expect(formatBytes(402_653_184)).toBe('384 MB');
  });
});
