import type { Db } from './client.js';

/**
 * Runs `work` in one transaction: everything it writes commits together or not at all.
 * Inside, use only the `tx` it is given; on PGlite (one connection) the outer handle would wait for
 * the transaction to finish and never get its turn.
 */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Db));
}
