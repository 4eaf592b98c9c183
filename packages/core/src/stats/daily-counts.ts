import { messages } from '@switchboard/db';
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { DayRange } from './days.ts';

/** A day's counts as SQLite returns them; `day` is the index of its range. */
export interface DayRow {
  day: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  unknown: number;
  received: number;
}

const REACHED = ['sent', 'delivered', 'read', 'played'];
const DELIVERED = ['delivered', 'read', 'played'];
const READ = ['read', 'played'];

/**
 * The daily counts of the given accounts' messages. The day ranges go in as a table and SQLite puts each
 * message into its day: one range seek on (account, created_at) per day and account, counted from the
 * covering index alone, so no message row is read.
 */
export function dailyCounts(accountIds: readonly string[], ranges: readonly DayRange[]): SQL {
  const days = sql.join(
    ranges.map((r, i) => sql`(${i}, ${r.start}, ${r.end})`),
    sql`, `,
  );
  const outgoing = (statuses: readonly string[]) =>
    sql`${messages.direction} = 'out' and ${messages.status} in (${sql.join(
      statuses.map((s) => sql`${s}`),
      sql`, `,
    )})`;
  return sql`
    with days(day, start_at, end_at) as (values ${days})
    select days.day as day,
      total(${outgoing(REACHED)}) as sent,
      total(${outgoing(DELIVERED)}) as delivered,
      total(${outgoing(READ)}) as read,
      total(${outgoing(['failed'])}) as failed,
      total(${outgoing(['unknown'])}) as unknown,
      total(${messages.direction} = 'in') as received
    from days
    join ${messages} on ${inArray(messages.accountId, [...accountIds])}
      and ${messages.createdAt} >= days.start_at and ${messages.createdAt} < days.end_at
    group by days.day`;
}
