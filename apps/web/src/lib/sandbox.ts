import type { MediaType } from '@switchboard/validators';

/**
 * The sandbox's control API (`/api/sandbox/*`), which stands in for the phones on the other side of the
 * simulated WhatsApp network. The dashboard calls it with the login cookie, like the rest of the page.
 */

/** A virtual phone that received something from the user's accounts. */
export interface VirtualPhone {
  phone: string;
  name: string;
  received: number;
  lastAt: number;
}

/** A message as the receiving virtual phone sees it; `from` is the sending account's number. */
export interface PhoneMessage {
  id: string;
  from: string;
  type: string;
  text: string;
  media?: { mimetype: string; filename?: string; size: number; sha256: string };
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  at: number;
}

/** A refusal, worded by the server; `data` carries its reason code when it has one, like a tRPC error. */
export class SandboxRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly data: { reason?: string; params?: Record<string, unknown> },
  ) {
    super(message);
    this.name = 'SandboxRequestError';
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/sandbox${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer: unknown = await res.json().catch(() => null);
  if (res.ok) return answer as T;
  const error = (answer ?? {}) as { message?: string; reason?: string; params?: Record<string, unknown> };
  throw new SandboxRequestError(error.message ?? `HTTP ${res.status}`, res.status, {
    ...(error.reason ? { reason: error.reason } : {}),
    ...(error.params ? { params: error.params } : {}),
  });
}

/** What a virtual phone sends: a text, or a file with the text as its caption. */
export interface PhoneSend {
  from: string;
  to: string;
  text: string;
  file?: { type: MediaType; data: string; mimetype: string; filename: string };
}

export const sandboxApi = {
  scan: (qr: string, phone: string) => call<{ sessionId: string }>('POST', '/scan', { qr, phone }),
  pair: (code: string, phone: string) => call<{ sessionId: string }>('POST', '/pair', { code, phone }),
  inbound: ({ from, to, text, file }: PhoneSend) =>
    call<{ sessionId: string; externalId: string }>('POST', '/inbound', {
      from,
      to,
      ...(text ? { text } : {}),
      ...(file ? { media: file } : {}),
    }),
  drop: (sessionId: string) =>
    call<{ ok: true }>('POST', `/sessions/${encodeURIComponent(sessionId)}/drop`, {}),
  unlink: (sessionId: string) =>
    call<{ ok: true }>('POST', `/sessions/${encodeURIComponent(sessionId)}/unlink`),
  phones: () => call<VirtualPhone[]>('GET', '/phones'),
  messages: (phone: string) => call<PhoneMessage[]>('GET', `/phones/${encodeURIComponent(phone)}/messages`),
  fileUrl: (phone: string, id: string) =>
    `/api/sandbox/phones/${encodeURIComponent(phone)}/messages/${encodeURIComponent(id)}/media`,
};

/** The kind of file WhatsApp would send a file of this type as. */
export function mediaTypeOf(mimetype: string): MediaType {
  if (mimetype.startsWith('image/')) return 'image';
  if (mimetype.startsWith('video/')) return 'video';
  if (mimetype.startsWith('audio/')) return 'audio';
  return 'document';
}

/** A file's bytes in base64, as the control API takes them. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and a large file has too many for one call.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** FNV-1a of a text: numbers that stay the same for a session across visits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A phone number for the virtual phone that links a session, derived from the session's id: a German mobile
 * number, the same each time for one session, different for another.
 */
export function virtualPhoneFor(sessionId: string): string {
  return `+49 1512 ${String(hash(sessionId) % 10_000_000).padStart(7, '0')}`;
}

/** A number for a customer's virtual phone writing to the account: from the US's range kept for fiction. */
export function customerPhoneFor(sessionId: string): string {
  return `+1 415 555 01${String(hash(`customer:${sessionId}`) % 100).padStart(2, '0')}`;
}
