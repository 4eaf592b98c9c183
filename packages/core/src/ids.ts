import { randomUUID } from 'node:crypto';

/** Session ids double as directory names, so this pattern is the only thing standing before the disk. */
export const SESSION_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export const isValidSessionId = (id: string) => SESSION_ID_PATTERN.test(id);

/** "Sales — Berlin #1" → "sales-berlin-1"; falls back to "session" when nothing usable is left. */
export function deriveSessionId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug.length > 0 ? slug : 'session';
}

export const newId = () => randomUUID();
