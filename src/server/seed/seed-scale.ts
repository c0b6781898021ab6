import os from 'node:os';
import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { AppError } from '../../shared/errors.js';
import { type Database, queryRows } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { bulkClientOf } from './bulk-insert.js';
import { BENCH_PASSWORD } from './datasets/users.js';
import { type DatasetStats, type GenerateReport, generateDatasets } from './generate.js';
import { type ScaleDataOptions, scaleDatasets } from './scale-data.js';

export type SeedScaleOptions = ScaleDataOptions & {
  seed: number;
  /** Load into the full schema instead of dropping secondary indexes and triggers (PostgreSQL only). */
  keepIndexes?: boolean;
  /** Before the first row: the tables to be filled and how many rows each will get. */
  onStart?: (tables: { table: string; rowCount: number }[]) => void;
  onRows?: (dataset: string, rows: number) => void;
  /** When a table is done (loaded and indexed). */
  onDataset?: (stats: DatasetStats) => void;
};

export type SeedScaleResult = {
  report: GenerateReport;
  /** Every generated user's password, and the admin to log in as. */
  password: string;
  adminEmail: string;
};

/**
 * Migrates and fills an empty database with the data set at scale (`meridian seed --scale N`): the
 * bench's generator, COPY on PostgreSQL (one connection per core, indexes rebuilt after each table) and
 * large `insert … select from unnest` batches on PGlite. It refuses a database that holds data: the
 * generated ids, e-mail addresses and the unique indexes it rebuilds assume nothing else is there.
 */
export async function seedScale(database: Database, options: SeedScaleOptions): Promise<SeedScaleResult> {
  await runMigrations(database);
  const datasets = scaleDatasets(options);
  await assertEmpty(
    database,
    datasets.all.map((dataset) => getTableConfig(dataset.table).name),
  );
  options.onStart?.(datasets.all.map((dataset) => ({ table: dataset.name, rowCount: dataset.expectedRows ?? 0 })));
  // One COPY stream per core (at most 4): the database side of the load is what limits it.
  const lanes = database.driver.kind === 'postgres' ? Math.min(4, os.availableParallelism()) : 1;
  const client = await bulkClientOf(database, { lanes });
  try {
    const { report, output } = await generateDatasets(datasets.all, {
      client,
      seed: options.seed,
      dropIndexes: !options.keepIndexes,
      onRows: options.onRows,
      onDataset: options.onDataset,
      // Larger batches on PGlite: one statement per batch, and no parallel connections to overlap with.
      batchSize: database.driver.kind === 'postgres' ? undefined : 20_000,
    });
    return { report, password: BENCH_PASSWORD, adminEmail: output(datasets.users).admin.email };
  } finally {
    client.release();
  }
}

async function assertEmpty(database: Database, tables: readonly string[]): Promise<void> {
  const filled: string[] = [];
  for (const table of new Set(tables)) {
    const [row] = await queryRows<{ filled: boolean }>(
      database.db,
      sql`select exists (select 1 from ${sql.identifier(table)}) as filled`,
    );
    if (row?.filled) filled.push(table);
  }
  if (filled.length > 0) {
    throw new AppError(
      'conflict',
      `the database is not empty (${filled.join(', ')} have rows); seed --scale fills a new, empty database`,
    );
  }
}
