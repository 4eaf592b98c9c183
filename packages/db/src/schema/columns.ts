import { sql } from 'drizzle-orm';
import { integer } from 'drizzle-orm/sqlite-core';

/** Milliseconds since epoch; SQLite has no date type and ms keep ordering exact. */
export const timestamp = (name: string) => integer(name, { mode: 'number' });
export const createdAt = () => timestamp('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`);
