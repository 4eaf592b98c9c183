import { createHash } from 'node:crypto';
import type { Gateway } from '../../src/gateway.ts';

/** Test helpers for the media endpoints: multipart uploads, downloads and hashes. */

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export interface UploadResult {
  status: number;
  body: { id?: string; mimetype?: string; size?: number; sha256?: string; code?: string; message?: string };
}

/**
 * `POST /api/v1/media` as a browser's FormData would send it: fields first, then the file. Signed in by a
 * login cookie (a string), or by the headers given (an API key's).
 */
export async function upload(
  g: Gateway,
  auth: string | Record<string, string> | undefined,
  fields: { sessionId: string; type?: string },
  file: { name: string; bytes: Buffer; contentType?: string },
): Promise<UploadResult> {
  const form = new FormData();
  form.append('sessionId', fields.sessionId);
  if (fields.type) form.append('type', fields.type);
  form.append(
    'file',
    new Blob([file.bytes], { type: file.contentType ?? 'application/octet-stream' }),
    file.name,
  );
  const res = await fetch(`${g.url}/api/v1/media`, {
    method: 'POST',
    body: form,
    headers: typeof auth === 'string' ? { cookie: auth } : (auth ?? {}),
  });
  return { status: res.status, body: (await res.json()) as UploadResult['body'] };
}

/** GETs a URL (absolute, or a path on the gateway) and returns its status, headers and bytes. */
export async function download(g: Gateway, url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url.startsWith('http') ? url : `${g.url}${url}`, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
