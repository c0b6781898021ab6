import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Config } from '../config.js';
import { lockDataDir } from './data-dir-lock.js';
import { PreparingClient } from './prepared-statements.js';
import { installFastRowMapper } from './row-mapper.js';
import * as schema from './schema/index.js';
import { installFastSqlBuilder } from './sql-builder.js';

// Every statement of the process is written out by the faster builder (see sql-builder.ts), and the
// rows of every select are mapped by the faster mapper (see row-mapper.ts).
installFastSqlBuilder();
installFastRowMapper();

export type Schema = typeof schema;
/** The query builder every repository receives: the database itself or an open transaction. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs a raw statement and returns its rows, on either driver. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The underlying driver, for the migrator's advisory lock and the backup stream. */
  driver: { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; pool: pg.Pool };
};

/** Runs a raw statement on the database or a transaction and returns its rows (both drivers answer `rows`). */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

// PostgreSQL hands numeric and bigint back as strings; money is numeric(18,2), so parse it to a JS number
// at the driver, where every query benefits. 18 digits with 2 decimals fit a double for display amounts.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

/** Settings of every database session, on both drivers. */
const sessionSettings: [string, string][] = [
  // JIT pays off for long analytical scans, not for a CRM's short queries: visibility's EXISTS inflates
  // cost estimates past jit_above_cost and the plan would spend ~0.5 s compiling a 20 ms query.
  ['jit', 'off'],
  // Parallel workers take tens of milliseconds to start and double a query's CPU: a win for one big
  // report on an idle many-core server, a loss for a CRM serving many short requests at once (a 27 ms
  // count took 77 ms with two workers). Requests run side by side instead.
  ['max_parallel_workers_per_gather', '0'],
  // Similar names (%) of duplicate detection and the query engine: the default 0.3 lets thousands of
  // loosely similar names through the trigram index, each rechecked and ranked; 0.45 still catches two
  // typos in a two-word name.
  ['pg_trgm.similarity_threshold', '0.45'],
  // Typo search (<%, see text-search.ts fuzzyMatch): the default, stated because search depends on it.
  // 0.55 already let every name sharing one word of "summit agri" through (2,300 leads of 200k).
  ['pg_trgm.word_similarity_threshold', '0.6'],
];

export async function openDatabase(database: Config['database']): Promise<Database> {
  if (database.kind === 'postgres')
    return openPostgres(database.url, database.poolSize, { prepareStatements: database.prepareStatements });
  return openPglite(database.dataDir);
}

/**
 * PGlite's 128 MB default is zeroed inside WebAssembly on every start, a third of a second of the cold
 * start; the embedded database is small and its files sit in the operating system's cache anyway.
 */
const PGLITE_SHARED_BUFFERS = '32MB';

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    return await startPglite(dataDir, release);
  } catch (error) {
    release();
    throw error;
  }
}

async function startPglite(dataDir: string | undefined, release: () => void): Promise<Database> {
  const client = new PGlite({
    ...(dataDir ? { dataDir } : {}),
    extensions: { pg_trgm },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    parsers: { 1700: (value: string) => Number.parseFloat(value), 20: (value: string) => Number.parseInt(value, 10) },
  });
  await client.waitReady;
  // One connection for the process, so session settings made now hold for every query.
  for (const [name, value] of sessionSettings) await client.exec(`set ${name} = ${value}`);
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    rows: <T extends Record<string, unknown>>(query: SQL) => queryRows<T>(db, query),
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      if (!client.closed) await client.close();
      release();
    },
    driver: { kind: 'pglite', client },
  };
}

export async function openPostgres(
  url: string,
  poolSize: number,
  options: { prepareStatements?: boolean } = {},
): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Off behind a pooler that cannot keep a session's prepared statements (PgBouncer in transaction
    // mode before 1.21): see docs/operations.md.
    ...(options.prepareStatements === false ? {} : { Client: PreparingClient }),
    idleTimeoutMillis: 30_000,
    options: sessionSettings.map(([name, value]) => `-c ${name}=${value}`).join(' '),
  });
  // An idle client that loses its connection emits 'error'; without a listener that would crash the process.
  pool.on('error', () => {});
  const db = drizzleNodePostgres({ client: pool, schema }) as unknown as Db;
  await db.execute(sql`select 1`);
  let closed = false;
  return {
    kind: 'postgres',
    db,
    rows: <T extends Record<string, unknown>>(query: SQL) => queryRows<T>(db, query),
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
    driver: { kind: 'postgres', pool },
  };
}
