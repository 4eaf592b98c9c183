import type { Db } from '@switchboard/db';
import { Column, is, Param, Placeholder } from 'drizzle-orm';

/**
 * Statements built once per database and kept. On the hot paths (a send, a receipt, a webhook delivery)
 * building and compiling the SQL on every call cost more than running it; a prepared statement is built
 * once and only bound afterwards. The SQL stays beside the service that runs it.
 */
export function perDatabase<T>(build: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let built = made.get(db);
    if (built === undefined) {
      built = build(db);
      made.set(db, built);
    }
    return built;
  };
}

const transactions = perDatabase((db) => db.$client.transaction((work: () => unknown) => work()));

/**
 * Runs `work` in one transaction (nested in a savepoint when one is open already) through a wrapper built
 * once per database: the hot paths' writes commit together without setting up a transaction object each.
 */
export function transaction<T>(db: Db, work: () => T): T {
  return transactions(db)(work) as T;
}

type Values = Record<string, unknown>;

/** What a statement prepared through drizzle keeps, beyond its public type (drizzle-orm 0.45). */
interface DrizzlePrepared {
  stmt: {
    raw(on: boolean): unknown;
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  };
  query: { params: unknown[] };
  fields?: Array<{ path: string[]; field: unknown }>;
  customResultMapper?: unknown;
}

/**
 * A statement prepared through drizzle, run straight on its better-sqlite3 statement. Drizzle's own `get`
 * and `all` find each parameter's placeholder and each column's decoder again on every call; on the hottest
 * paths (a send, a receipt) that was about 5% of the gateway's CPU under send load. Here both are worked out
 * once, with the same encoders and decoders, so the rows are the ones drizzle would have returned. A
 * statement whose shape is not a plain row of one table's columns is left to drizzle.
 */
export function direct<Row>(prepared: { get(values?: Values): unknown; all(values?: Values): unknown }): {
  get(values: Values): Row | undefined;
  all(values: Values): Row[];
} {
  const { stmt, query, fields, customResultMapper } = prepared as unknown as DrizzlePrepared;
  const columns = fields?.map(({ path, field }) =>
    path.length === 1 && is(field, Column) ? { key: path[0]!, column: field } : null,
  );
  if (!columns || columns.includes(null) || customResultMapper)
    return {
      get: (values) => prepared.get(values) as Row | undefined,
      all: (values) => prepared.all(values) as Row[],
    };
  const binders = query.params.map((param): ((values: Values) => unknown) => {
    if (is(param, Placeholder)) return (values) => values[param.name];
    if (is(param, Param) && is(param.value, Placeholder)) {
      const { name } = param.value;
      return (values) => param.encoder.mapToDriverValue(values[name]);
    }
    return () => param;
  });
  const bind = (values: Values) => binders.map((binder) => binder(values));
  const decode = (raw: unknown[]): Row => {
    const row: Values = {};
    for (let i = 0; i < raw.length; i++) {
      const value = raw[i];
      const { key, column } = columns[i]!;
      row[key] = value === null ? null : column.mapFromDriverValue(value);
    }
    return row as Row;
  };
  stmt.raw(true);
  return {
    get: (values) => {
      const raw = stmt.get(...bind(values)) as unknown[] | undefined;
      return raw ? decode(raw) : undefined;
    },
    all: (values) => (stmt.all(...bind(values)) as unknown[][]).map(decode),
  };
}
