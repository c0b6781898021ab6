import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from '../paths.js';
import type { Database } from './client.js';

/** Any constant works; it only has to be the same in every Meridian process sharing a database. */
const MIGRATION_LOCK_KEY = 424_242_001;

/**
 * Applies the committed migrations that have not run yet. Safe to call on every start and from several
 * processes at once: on PostgreSQL the processes queue on an advisory lock and the later ones find
 * nothing left to do. PGlite is single-process by nature, so it needs no lock.
 */
export async function runMigrations(database: Database): Promise<void> {
  const { driver } = database;
  if (driver.kind === 'pglite') {
    await migratePglite(drizzlePglite({ client: driver.client }), { migrationsFolder });
    return;
  }
  const client = await driver.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migrateNodePostgres(drizzleNodePostgres({ client }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    client.release();
  }
}
