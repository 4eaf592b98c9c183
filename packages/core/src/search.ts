import { like, or, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * What a search box matches: `text` contained (literally, not as a LIKE pattern; case-insensitive for ASCII)
 * in any of `columns`, or its digits in `phone` — so "+49 151" finds 4915112345678. Undefined when blank.
 */
export function searchCondition(
  input: string | null | undefined,
  columns: readonly SQLiteColumn[],
  phone?: SQLiteColumn,
): SQL | undefined {
  const search = input?.trim();
  if (!search) return undefined;
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const digits = search.replace(/\D/g, '');
  return or(
    ...columns.map((column) => sql`${column} like ${pattern} escape '\\'`),
    ...(phone && digits ? [like(phone, `%${digits}%`)] : []),
  );
}
