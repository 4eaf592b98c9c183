import type { Db } from '@switchboard/db';

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
