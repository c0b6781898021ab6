import { is } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';
import { findPostgresError } from './postgres-errors.js';

/**
 * Deadlock (40P01) and serialization failure (40001): PostgreSQL rolled the whole transaction back, and
 * running it again is the documented remedy. Writers of deals and accounts can deadlock on the rollup
 * rows their triggers update when they touch several rows in different orders.
 */
const RETRYABLE_CODES = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 3;

/**
 * Runs `work` in one transaction: everything it writes commits together or not at all. A transaction
 * PostgreSQL aborted as a deadlock victim or for serialization runs again (up to three times, after a
 * short random pause so the two do not collide again); a nested call is a savepoint of its caller and
 * leaves retrying to the outermost one, since the abort ended the caller's transaction too.
 * Inside, use only the `tx` it is given; on PGlite (one connection) the outer handle would wait for
 * the transaction to finish and never get its turn.
 */
export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const nested = is(db, PgTransaction);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction((tx) => work(tx as unknown as Db));
    } catch (error) {
      const code = findPostgresError(error)?.code;
      if (nested || attempt >= MAX_ATTEMPTS || !code || !RETRYABLE_CODES.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 20)));
    }
  }
}
