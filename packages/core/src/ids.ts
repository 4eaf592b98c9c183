import { randomUUID } from 'node:crypto';
import { slugifySessionName } from '@switchboard/validators';

/** "Sales — Berlin #1" → "sales-berlin-1"; falls back to "session" when nothing usable is left. */
export const deriveSessionId = (name: string): string => slugifySessionName(name) || 'session';

export const newId = () => randomUUID();
