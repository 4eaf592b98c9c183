import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { StoredFile } from '@switchboard/core';
import { MEDIA_MIME_TYPES } from '@switchboard/validators';

/** Formats a browser may show in the page (images, video, audio WhatsApp uses); everything else downloads. */
const INLINE = new Set(Object.values(MEDIA_MIME_TYPES).flat());

/** `filename*=` keeps any name intact; the plain `filename=` is an ASCII fallback. */
function disposition(inline: boolean, filename: string | null): string {
  const kind = inline ? 'inline' : 'attachment';
  if (!filename) return kind;
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` within `size`; null for anything else (then the whole file is sent). */
function byteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const [, from = '', to = ''] = match;
  const start = from === '' ? Math.max(0, size - Number(to)) : Number(from);
  const end = from === '' || to === '' ? size - 1 : Math.min(Number(to), size - 1);
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}

/**
 * Sends a stored file: its type is what its bytes were sniffed as, never guessed again by the browser
 * (nosniff), shown inline only for media formats and downloaded otherwise, and sandboxed if opened as a
 * page. Like every API answer it is not stored by browsers or proxies: it is personal data. Supports single
 * byte ranges, which `<video>` and `<audio>` use to learn a duration and to seek.
 */
export async function serveFile(req: IncomingMessage, res: ServerResponse, file: StoredFile): Promise<void> {
  const headers: Record<string, string | number> = {
    'content-type': file.mimetype === 'text/plain' ? 'text/plain; charset=utf-8' : file.mimetype,
    'content-disposition': disposition(INLINE.has(file.mimetype), file.filename),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
    'cache-control': 'no-store',
    'accept-ranges': 'bytes',
  };
  const range = byteRange(req.headers.range, file.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${file.size}` }).end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: file.size - 1 };
  res.writeHead(range ? 206 : 200, {
    ...headers,
    'content-length': end - start + 1,
    ...(range ? { 'content-range': `bytes ${start}-${end}/${file.size}` } : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // A client that goes away mid-file ends the pipeline with an error; nothing is left to answer then.
  await pipeline(createReadStream(file.path, { start, end }), res).catch(() => undefined);
}
