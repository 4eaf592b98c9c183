import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

export interface Sniffed {
  mimetype: string;
  /** The format's usual extension ("jpg", "exe"), for messages; null when the bytes name no format. */
  format: string | null;
}

/** How much of a file without a known signature is read to tell text from binary. */
const TEXT_PROBE_BYTES = 64 * 1024;

/**
 * What a file is, from its bytes alone — never from its name or what the sender claimed. Formats without a
 * signature are `text/plain` when they read as UTF-8 text (CSV, notes) and `application/octet-stream` else.
 */
export async function sniffFile(path: string): Promise<Sniffed> {
  const found = await fileTypeFromFile(path);
  if (found) return { mimetype: found.mime, format: found.ext };
  return { mimetype: (await readsAsText(path)) ? 'text/plain' : 'application/octet-stream', format: null };
}

async function readsAsText(path: string): Promise<boolean> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(TEXT_PROBE_BYTES), 0, TEXT_PROBE_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    if (bytesRead === 0 || head.includes(0)) return false;
    // `stream: true`: a character cut off at the end of the probe is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  } finally {
    await file.close();
  }
}
