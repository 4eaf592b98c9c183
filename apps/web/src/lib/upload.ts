import type { MediaType } from '@switchboard/validators';
import type { MediaFile } from './types.ts';

/**
 * Uploads a file to `POST /api/v1/media` with XMLHttpRequest, whose upload events tell real progress (fetch
 * cannot). Fields go before the file, as the server reads them first. Rejects with the server's own words.
 */
export function uploadMedia(
  input: { sessionId: string; type: MediaType; file: File },
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<MediaFile> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('sessionId', input.sessionId);
    form.append('type', input.type);
    form.append('file', input.file, input.file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/media');
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      // A refusal is the API's error body, `{ code, message }`.
      const body = xhr.response as (MediaFile & { message?: string }) | null;
      if (xhr.status === 201 && body) resolve(body);
      else reject(new Error(body?.message ?? `The upload failed (HTTP ${xhr.status}).`));
    });
    xhr.addEventListener('error', () => reject(new Error('Failed to fetch')));
    xhr.addEventListener('abort', () => reject(new DOMException('The upload was cancelled.', 'AbortError')));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
