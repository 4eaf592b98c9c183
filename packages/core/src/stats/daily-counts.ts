import { messages } from '@switchboard/db';
import { MESSAGE_STATUSES, type MessageStatus } from '@switchboard/validators';
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { DayRange } from './days.ts';

/** How many of the accounts' messages were created on day `day` (an index into the ranges) with `status`. */
export interface DayStatusRow {
  day: number;
  status: MessageStatus;
  n: number;
}

/**
 * Counts per day and status. Days and statuses go in as small tables; for each pair SQLite counts one range of
 * the (account, status, created_at) index per account — no message row is read and nothing is sorted, so it
 * costs about what one bare count of the same rows does. A status says the direction too (`received` is the
 * only incoming one), so the status alone is enough.
 */
export function dailyStatusCounts(accountIds: readonly string[], ranges: readonly DayRange[]): SQL {
  const days = sql.join(
    ranges.map((r, i) => sql`(${i}, ${r.start}, ${r.end})`),
    sql`, `,
  );
  const statuses = sql.join(
    MESSAGE_STATUSES.map((s) => sql`(${s})`),
    sql`, `,
  );
  return sql`
    with days(day, start_at, end_at) as (values ${days}), statuses(status) as (values ${statuses})
    select days.day as day, statuses.status as status, (
      select count(*) from ${messages}
      where ${inArray(messages.accountId, [...accountIds])} and ${messages.status} = statuses.status
        and ${messages.createdAt} >= days.start_at and ${messages.createdAt} < days.end_at
    ) as n
    from days, statuses`;
}
