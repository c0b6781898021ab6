import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from '../paths.js';
import { type Database, type Db, queryRows } from './client.js';

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

export type MigrationState = {
  /** Migrations this Meridian ships (drizzle/meta/_journal.json). */
  available: number;
  availableTag: string | null;
  /** Of those, how many the database has applied. */
  applied: number;
  appliedTag: string | null;
  /** The database has applied a migration this Meridian does not know: it was upgraded by a newer version. */
  newerThanCode: boolean;
};

type JournalEntry = { tag: string; when: number };

/** The migrations this code ships, oldest first. */
export function readJournal(): JournalEntry[] {
  const file = path.join(migrationsFolder, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: JournalEntry[] };
  return journal.entries;
}

/** Compares the migrations drizzle recorded in the database with the ones this code ships. */
export async function readMigrationState(db: Db): Promise<MigrationState> {
  const journal = readJournal();
  const [present] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  // drizzle applies every journal entry newer than the last created_at it recorded, so that decides the level.
  const [last] = present?.present
    ? await queryRows<{ createdAt: number | string | null }>(
        db,
        sql`select max(created_at) as "createdAt" from drizzle.__drizzle_migrations`,
      )
    : [];
  const lastApplied = last?.createdAt === null || last?.createdAt === undefined ? undefined : Number(last.createdAt);
  const applied = lastApplied === undefined ? [] : journal.filter((entry) => entry.when <= lastApplied);
  const newest = journal.at(-1);
  return {
    available: journal.length,
    availableTag: newest?.tag ?? null,
    applied: applied.length,
    appliedTag: applied.at(-1)?.tag ?? null,
    newerThanCode: lastApplied !== undefined && newest !== undefined && lastApplied > newest.when,
  };
}
