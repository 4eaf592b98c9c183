import { DEFAULT_MEDIA_MAX_BYTES } from '@switchboard/validators';
import { describe, expect, it } from 'vitest';
import { messagesToSend, sendOptions, sizeProblem } from './attachment.ts';

describe('sendOptions', () => {
  it('offers what a file can go as, the likeliest first', () => {
    expect(sendOptions('image/jpeg')).toEqual(['image', 'document']);
    expect(sendOptions('image/webp')).toEqual(['image', 'sticker', 'document']);
    expect(sendOptions('video/mp4')).toEqual(['video', 'document']);
    expect(sendOptions('audio/ogg')).toEqual(['voice', 'audio', 'document']);
    expect(sendOptions('audio/mpeg')).toEqual(['audio', 'document']);
    expect(sendOptions('application/pdf')).toEqual(['document']);
    expect(sendOptions('')).toEqual(['document']);
  });
});

describe('sizeProblem', () => {
  it('refuses what is over the server’s cap before uploading, suggesting a document when that fits', () => {
    expect(sizeProblem(4 * 1024 * 1024, 'image', DEFAULT_MEDIA_MAX_BYTES)).toBeNull();
    expect(sizeProblem(7.5 * 1024 * 1024, 'image', DEFAULT_MEDIA_MAX_BYTES)).toBe(
      '7.5 MB is more than a photo may be (5 MB). Send it as a document.',
    );
    expect(sizeProblem(200 * 1024 * 1024, 'document', DEFAULT_MEDIA_MAX_BYTES)).toBe(
      '200 MB is more than a document may be (100 MB).',
    );
    expect(sizeProblem(0, 'document', DEFAULT_MEDIA_MAX_BYTES)).toBe('The file is empty.');
    expect(sizeProblem(10, 'image', undefined)).toBeNull();
  });
});

describe('messagesToSend', () => {
  const base = { sessionId: 'desk', to: '4915112345678' };
  it('sends a file with its caption where WhatsApp shows one', () => {
    expect(messagesToSend({ ...base, text: 'Our menu', file: { type: 'image', mediaId: 'med_1' } })).toEqual([
      { ...base, type: 'image', media: { id: 'med_1' }, caption: 'Our menu' },
    ]);
    expect(messagesToSend({ ...base, text: '  ', file: { type: 'document', mediaId: 'med_2' } })).toEqual([
      { ...base, type: 'document', media: { id: 'med_2' } },
    ]);
  });

  it('sends the text after a voice note, audio or sticker, which cannot have a caption', () => {
    expect(messagesToSend({ ...base, text: 'Listen', file: { type: 'voice', mediaId: 'med_3' } })).toEqual([
      { ...base, type: 'voice', media: { id: 'med_3' } },
      { ...base, text: 'Listen' },
    ]);
  });

  it('sends a place, then the text on its own', () => {
    const place = { latitude: 52.5219, longitude: 13.4132, name: 'Shop' };
    expect(messagesToSend({ ...base, text: 'See you there', file: null, place })).toEqual([
      { ...base, type: 'location', location: place },
      { ...base, text: 'See you there' },
    ]);
    expect(messagesToSend({ ...base, text: '', file: null, place })).toEqual([
      { ...base, type: 'location', location: place },
    ]);
  });

  it('sends text alone, and nothing for nothing', () => {
    expect(messagesToSend({ ...base, text: 'Hi', file: null })).toEqual([{ ...base, text: 'Hi' }]);
    expect(messagesToSend({ ...base, text: ' ', file: null })).toEqual([]);
  });
});
