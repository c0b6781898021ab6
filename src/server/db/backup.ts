import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { is, type SQL, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { AppError } from '../../shared/errors.js';
import { type Database, type Db, queryRows } from './client.js';
import { readJournal, readMigrationState, runMigrations } from './migrate.js';
import * as schema from './schema/index.js';
import { inTransaction } from './transaction.js';

/*
 * Logical backup: gzip-compressed NDJSON that any PostgreSQL (PGlite or a server) can restore.
 *
 *   {"format":"meridian-backup","version":1,"createdAt":…,"migrations":2,"migrationTag":…,"tables":[…],"rowCounts":{…}}
 *   {"table":"users","rowCount":2,"columns":["id",…]}
 *   {"id":"…","email":"…",…}          one line per row: the row's to_jsonb, written as the database printed it
 *   {"table":"api_keys",…}
 *   …
 *
 * Rows are never parsed in JavaScript: to_jsonb text goes to the file and back to jsonb_populate_recordset,
 * so numeric beyond double precision, microsecond timestamps, arrays and jsonb round-trip exactly.
 */

export const BACKUP_FORMAT = 'meridian-backup';
export const BACKUP_VERSION = 1;

/** Rows per read while backing up: large enough to be fast, small enough to bound memory. */
const READ_BATCH_ROWS = 5000;
/** Tables of large rows, read a few at a time: an attachment's bytes may be tens of megabytes. */
const READ_BATCH_ROWS_OF: Record<string, number> = { attachment_contents: 4 };
/** Rows per insert while restoring: one JSON parameter of this many rows, or of about this many bytes. */
const WRITE_BATCH_ROWS = 1000;
const WRITE_BATCH_CHARACTERS = 32 * 1024 * 1024;
/** Holds deferred foreign-key values (self-references, cycles) until every row exists. */
const DEFERRED_TABLE = 'meridian_restore_deferred';

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  /** How many migrations the database had applied: restore needs a Meridian at the same level. */
  migrations: number;
  migrationTag: string | null;
  tables: string[];
  rowCounts: Record<string, number>;
};

type TableSection = { table: string; rowCount: number; columns: string[] };

export type TableRowCount = { table: string; rowCount: number };

/** Callbacks for a progress display; the service itself prints nothing. */
export type BackupProgress = {
  start(tables: TableRowCount[]): void;
  rows(table: string, count: number): void;
  tableDone(table: string, rowCount: number): void;
};

export type BackupSummary = { tables: TableRowCount[]; totalRows: number; seconds: number };

// ---------------------------------------------------------------------------------------------------------
// Which tables, in which order

/** The shape of a table that ordering needs, independent of drizzle so the rule can be tested alone. */
export type TableShape = {
  name: string;
  columns: { name: string; notNull: boolean }[];
  references: { table: string; columns: string[] }[];
};

export type OrderedTable = { name: string; deferredColumns: string[] };

/**
 * Orders tables so referenced ones come first (Kahn's algorithm over foreign keys). A foreign key that
 * cannot be satisfied by order (a self-reference such as users.manager_id, or a cycle between tables) is
 * deferred: its columns are inserted as null and filled in once every row exists. That only works for
 * nullable columns; a cycle of NOT NULL foreign keys could not be inserted at all and is reported.
 */
export function orderTablesForRestore(tables: TableShape[]): OrderedTable[] {
  const known = new Set(tables.map((table) => table.name));
  const deferred = new Map(tables.map((table) => [table.name, new Set<string>()]));
  const waitingFor = new Map<string, Map<string, string[][]>>();
  for (const table of tables) {
    const dependencies = new Map<string, string[][]>();
    for (const reference of table.references) {
      if (!known.has(reference.table)) continue;
      if (reference.table === table.name) {
        deferReference(table, reference.columns, deferred);
        continue;
      }
      dependencies.set(reference.table, [...(dependencies.get(reference.table) ?? []), reference.columns]);
    }
    waitingFor.set(table.name, dependencies);
  }

  const ordered: OrderedTable[] = [];
  while (waitingFor.size > 0) {
    const ready = [...waitingFor].find(([, dependencies]) => dependencies.size === 0)?.[0];
    if (ready === undefined) {
      breakCycle(tables, waitingFor, deferred);
      continue;
    }
    waitingFor.delete(ready);
    for (const dependencies of waitingFor.values()) dependencies.delete(ready);
    ordered.push({ name: ready, deferredColumns: [...(deferred.get(ready) ?? [])] });
  }
  return ordered;
}

function deferReference(table: TableShape, columns: string[], deferred: Map<string, Set<string>>): void {
  const notNull = columns.filter((name) => table.columns.find((column) => column.name === name)?.notNull);
  if (notNull.length > 0) {
    throw new Error(
      `cannot restore ${table.name}: its foreign key (${columns.join(', ')}) is part of a cycle but NOT NULL`,
    );
  }
  for (const column of columns) deferred.get(table.name)?.add(column);
}

/** Defers the references of the first waiting table whose references into the cycle are all nullable. */
function breakCycle(
  tables: TableShape[],
  waitingFor: Map<string, Map<string, string[][]>>,
  deferred: Map<string, Set<string>>,
): void {
  for (const [name, dependencies] of waitingFor) {
    const table = tables.find((candidate) => candidate.name === name);
    if (!table) continue;
    const columns = [...dependencies.values()].flat(2);
    const nullable = columns.every((column) => !table.columns.find((candidate) => candidate.name === column)?.notNull);
    if (!nullable) continue;
    deferReference(table, columns, deferred);
    dependencies.clear();
    return;
  }
  throw new Error(
    `cannot order tables for restore: ${[...waitingFor.keys()].join(', ')} reference each other through NOT NULL foreign keys`,
  );
}

type TablePlan = {
  name: string;
  /** The table as an SQL identifier (schema-qualified when it has a schema). */
  identifier: SQL;
  /** The table as text for ::regclass. */
  regclassName: string;
  columns: string[];
  /** Primary-key columns, for keyset paging and for applying deferred values. */
  keyColumns: { name: string; sqlType: string }[];
  deferredColumns: string[];
};

/**
 * Every table of the drizzle schema, in restore order: tables added to the schema are included automatically.
 * Derived tables (the deal rollups) are left out: a restore recomputes them from the restored rows.
 */
export function meridianTables(): TablePlan[] {
  const derived = new Set<PgTable>(schema.derivedTables);
  const tables = (Object.values(schema) as unknown[]).filter(
    (value): value is PgTable => is(value, PgTable) && !derived.has(value),
  );
  const configs = new Map(tables.map((table) => [qualifiedName(table), getTableConfig(table)]));
  const shapes: TableShape[] = [...configs].map(([name, config]) => ({
    name,
    columns: config.columns.map((column) => ({ name: column.name, notNull: column.notNull })),
    references: config.foreignKeys.map((foreignKey) => {
      const reference = foreignKey.reference();
      return { table: qualifiedName(reference.foreignTable), columns: reference.columns.map((column) => column.name) };
    }),
  }));

  return orderTablesForRestore(shapes).map(({ name, deferredColumns }) => {
    const config = configs.get(name);
    if (!config) throw new Error(`unknown table ${name}`);
    const keyColumns = config.columns.filter((column) => column.primary);
    // A composite key lists stand-in columns without SQL types; look the real ones up by name.
    const compositeKeyNames = (config.primaryKeys[0]?.columns ?? []).map((column) => column.name);
    const compositeKey = compositeKeyNames.flatMap((keyName) =>
      config.columns.filter((column) => column.name === keyName),
    );
    const key = keyColumns.length > 0 ? keyColumns : compositeKey;
    if (key.length === 0) throw new Error(`table ${name} has no primary key; backup pages through tables by key`);
    return {
      name,
      identifier: config.schema
        ? sql`${sql.identifier(config.schema)}.${sql.identifier(config.name)}`
        : sql`${sql.identifier(config.name)}`,
      regclassName: [config.schema, config.name]
        .filter((part): part is string => part !== undefined)
        .map(quoteIdentifier)
        .join('.'),
      columns: config.columns.map((column) => column.name),
      keyColumns: key.map((column) => ({ name: column.name, sqlType: column.getSQLType() })),
      deferredColumns,
    };
  });
}

function qualifiedName(table: PgTable): string {
  const config = getTableConfig(table);
  return config.schema ? `${config.schema}.${config.name}` : config.name;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

// ---------------------------------------------------------------------------------------------------------
// Backup

/**
 * Writes every Meridian table to `file` from one consistent snapshot (a read-only repeatable-read
 * transaction), page by page, so memory stays flat however large the tables are. The file appears
 * only when complete: it is written under a temporary name and renamed at the end.
 */
export async function backupDatabase(
  database: Database,
  file: string,
  progress?: BackupProgress,
): Promise<BackupSummary> {
  const startedAt = performance.now();
  const state = await readMigrationState(database.db);
  if (state.newerThanCode) {
    throw new AppError('conflict', 'the database was migrated by a newer Meridian; back it up with that version');
  }
  if (state.applied !== state.available) {
    throw new AppError(
      'conflict',
      `the database is at migration ${state.appliedTag ?? '(none)'} but this Meridian expects ${state.availableTag}: run \`meridian migrate\` first`,
    );
  }
  const tables = meridianTables();
  const partialFile = `${file}.partial`;
  try {
    const counts = await inTransaction(database.db, async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read, read only`);
      const counts: TableRowCount[] = [];
      for (const table of tables) counts.push({ table: table.name, rowCount: await countRows(tx, table) });
      progress?.start(counts);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        migrations: state.applied,
        migrationTag: state.appliedTag,
        tables: tables.map((table) => table.name),
        rowCounts: Object.fromEntries(counts.map((count) => [count.table, count.rowCount])),
      };
      await pipeline(
        Readable.from(backupLines(tx, tables, header, progress)),
        createGzip(),
        // Password and token hashes are in it: readable by its owner only.
        fs.createWriteStream(partialFile, { mode: 0o600 }),
      );
      return counts;
    });
    fs.renameSync(partialFile, file);
    return summarise(counts, startedAt);
  } finally {
    fs.rmSync(partialFile, { force: true });
  }
}

async function countRows(db: Db, table: TablePlan): Promise<number> {
  const [row] = await queryRows<{ count: number | string }>(db, sql`select count(*) as count from ${table.identifier}`);
  return Number(row?.count ?? 0);
}

async function* backupLines(
  tx: Db,
  tables: TablePlan[],
  header: BackupHeader,
  progress: BackupProgress | undefined,
): AsyncGenerator<string> {
  yield `${JSON.stringify(header)}\n`;
  for (const table of tables) {
    const rowCount = header.rowCounts[table.name] ?? 0;
    const section: TableSection = { table: table.name, rowCount, columns: table.columns };
    yield `${JSON.stringify(section)}\n`;
    let written = 0;
    let after: string[] | undefined;
    for (;;) {
      const rows = await readPage(tx, table, after);
      if (rows.length === 0) break;
      yield `${rows.map((row) => row.row).join('\n')}\n`;
      written += rows.length;
      progress?.rows(table.name, rows.length);
      const last = rows.at(-1);
      after = table.keyColumns.map((_, index) => String(last?.[`k${index}`]));
      if (rows.length < readBatchRows(table)) break;
    }
    // The snapshot makes this impossible; if it ever happens the file would be unrestorable, so stop.
    if (written !== rowCount) throw new Error(`${table.name}: counted ${rowCount} rows but read ${written}`);
    progress?.tableDone(table.name, rowCount);
  }
}

/** One page in primary-key order after the key `after` (keyset paging: no OFFSET rescans). */
async function readPage(tx: Db, table: TablePlan, after: string[] | undefined) {
  const alias = sql.identifier('backup_row');
  const keys = table.keyColumns.map((column) => sql`${alias}.${sql.identifier(column.name)}`);
  const keysAsText = table.keyColumns.map(
    (column, index) => sql`${alias}.${sql.identifier(column.name)}::text as ${sql.identifier(`k${index}`)}`,
  );
  const afterKey = after
    ? sql`where (${sql.join(keys, sql`, `)}) > (${sql.join(
        table.keyColumns.map((column, index) => sql`cast(${after[index]} as ${sql.raw(column.sqlType)})`),
        sql`, `,
      )})`
    : sql``;
  return queryRows<{ row: string } & Record<string, unknown>>(
    tx,
    sql`select to_jsonb(${alias})::text as row, ${sql.join(keysAsText, sql`, `)}
        from ${table.identifier} ${alias} ${afterKey}
        order by ${sql.join(keys, sql`, `)}
        limit ${readBatchRows(table)}`,
  );
}

function readBatchRows(table: TablePlan): number {
  return READ_BATCH_ROWS_OF[table.name] ?? READ_BATCH_ROWS;
}

// ---------------------------------------------------------------------------------------------------------
// Restore

export type RestoreOptions = {
  /** Replace whatever the database holds (all Meridian tables are emptied first, in the same transaction). */
  force?: boolean;
  progress?: BackupProgress;
};

/**
 * Restores a backup into `database`: migrates it, checks that it is empty (or empties it with `force`),
 * and inserts every row in one transaction, so a failed restore leaves the database as it was.
 */
export async function restoreDatabase(
  database: Database,
  file: string,
  options: RestoreOptions = {},
): Promise<BackupSummary> {
  const startedAt = performance.now();
  if (!fs.existsSync(file)) throw new AppError('not_found', `${file} does not exist`);
  const lines = readLines(file);
  try {
    const header = await readHeader(lines, file);
    // Checked before migrating: a backup from another schema level is refused without touching the target.
    const shipped = readJournal();
    if (header.migrations !== shipped.length || header.migrationTag !== (shipped.at(-1)?.tag ?? null)) {
      throw new AppError(
        'conflict',
        `the backup was made at migration ${header.migrationTag ?? header.migrations} but this Meridian is at ${shipped.at(-1)?.tag}; restore it with the Meridian version that made it, then upgrade`,
      );
    }
    await runMigrations(database);
    if ((await readMigrationState(database.db)).newerThanCode) {
      throw new AppError('conflict', 'the target database was migrated by a newer Meridian; restore with that version');
    }
    const tables = new Map(meridianTables().map((table) => [table.name, table]));
    const unknown = header.tables.filter((name) => !tables.has(name));
    if (unknown.length > 0) {
      throw new AppError('conflict', `the backup has tables this Meridian does not know: ${unknown.join(', ')}`);
    }

    const counts = header.tables.map((table) => ({ table, rowCount: header.rowCounts[table] ?? 0 }));
    options.progress?.start(counts);
    await inTransaction(database.db, async (tx) => {
      await prepareTarget(tx, [...tables.values()], options.force ?? false);
      await tx.execute(
        sql`create temporary table ${sql.identifier(DEFERRED_TABLE)} (table_name text not null, row jsonb not null) on commit drop`,
      );
      for (const name of header.tables) {
        const table = tables.get(name) as TablePlan;
        await restoreTable(tx, table, await readSection(lines, name), lines, options.progress);
      }
      const trailing = await lines.next();
      if (!trailing.done && trailing.value.trim() !== '') {
        throw new AppError('invalid_request', `${file} has data after its last table; it is not a valid backup`);
      }
      for (const table of tables.values()) await applyDeferredColumns(tx, table);
      for (const table of tables.values()) await resetSequences(tx, table);
      await tx.execute(schema.resyncQuoteNumbers);
      // The triggers kept the rollups while rows went in, but a forced restore truncated the records under
      // them (TRUNCATE fires no row triggers): recompute them from what is there now.
      await tx.execute(sql`select rebuild_deal_rollups()`);
      await tx.execute(sql`select rebuild_record_rollups()`);
    });
    return summarise(counts, startedAt);
  } catch (error) {
    throw asBackupFileError(error, file);
  } finally {
    await lines.return(undefined);
  }
}

async function readHeader(lines: AsyncGenerator<string>, file: string): Promise<BackupHeader> {
  const first = await lines.next();
  const header = first.done ? undefined : parseJson(first.value);
  if (!isObject(header) || header.format !== BACKUP_FORMAT) {
    throw new AppError('invalid_request', `${file} is not a Meridian backup`);
  }
  if (header.version !== BACKUP_VERSION) {
    throw new AppError(
      'invalid_request',
      `${file} is a version ${String(header.version)} backup; this Meridian reads version ${BACKUP_VERSION}`,
    );
  }
  if (!Array.isArray(header.tables) || typeof header.migrations !== 'number' || !isObject(header.rowCounts)) {
    throw new AppError('invalid_request', `${file} has a damaged header`);
  }
  return header as BackupHeader;
}

async function readSection(lines: AsyncGenerator<string>, expectedTable: string): Promise<TableSection> {
  const next = await lines.next();
  if (next.done)
    throw new AppError('invalid_request', `the backup ends before table ${expectedTable}; it is truncated`);
  const section = parseJson(next.value);
  if (!isObject(section) || section.table !== expectedTable || typeof section.rowCount !== 'number') {
    throw new AppError('invalid_request', `the backup is damaged: expected the rows of ${expectedTable}`);
  }
  if (!Array.isArray(section.columns))
    throw new AppError('invalid_request', `the backup lists no columns for ${expectedTable}`);
  return section as TableSection;
}

/** Refuses a database that holds data, unless asked to replace it. */
async function prepareTarget(tx: Db, tables: TablePlan[], force: boolean): Promise<void> {
  const filled: string[] = [];
  for (const table of tables) {
    const [row] = await queryRows<{ filled: boolean }>(
      tx,
      sql`select exists (select 1 from ${table.identifier}) as filled`,
    );
    if (row?.filled) filled.push(table.name);
  }
  if (filled.length === 0) return;
  if (!force) {
    throw new AppError(
      'conflict',
      `the database is not empty (${filled.join(', ')} have rows); restore into an empty database, or pass --force to replace its data`,
    );
  }
  await tx.execute(
    sql`truncate table ${sql.join(
      tables.map((table) => table.identifier),
      sql`, `,
    )} restart identity`,
  );
}

type TargetColumn = { name: string; generated: boolean; sequence: string | null };

/** The columns as the target database has them: generated ones are computed there, never inserted. */
async function targetColumns(tx: Db, table: TablePlan): Promise<TargetColumn[]> {
  return queryRows<TargetColumn>(
    tx,
    sql`select a.attname as name, a.attgenerated <> '' as generated,
               pg_get_serial_sequence(a.attrelid::regclass::text, a.attname) as sequence
        from pg_attribute a
        where a.attrelid = ${table.regclassName}::regclass and a.attnum > 0 and not a.attisdropped
        order by a.attnum`,
  );
}

async function restoreTable(
  tx: Db,
  table: TablePlan,
  section: TableSection,
  lines: AsyncGenerator<string>,
  progress: BackupProgress | undefined,
): Promise<void> {
  const target = await targetColumns(tx, table);
  const missing = section.columns.filter((name) => !target.some((column) => column.name === name));
  if (missing.length > 0) {
    throw new AppError('conflict', `the backup has columns ${table.name} does not have here: ${missing.join(', ')}`);
  }
  const insertable = section.columns.filter((name) => !target.find((column) => column.name === name)?.generated);
  let batch: string[] = [];
  let batchCharacters = 0;
  let restored = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await insertRows(tx, table, insertable, `[${batch.join(',')}]`);
    progress?.rows(table.name, batch.length);
    restored += batch.length;
    batch = [];
    batchCharacters = 0;
  };
  while (restored + batch.length < section.rowCount) {
    const next = await lines.next();
    if (next.done) throw new AppError('invalid_request', `the backup ends inside table ${table.name}; it is truncated`);
    batch.push(next.value);
    batchCharacters += next.value.length;
    if (batch.length >= WRITE_BATCH_ROWS || batchCharacters >= WRITE_BATCH_CHARACTERS) await flush();
  }
  await flush();
  progress?.tableDone(table.name, restored);
}

/** Inserts a JSON array of rows; deferred foreign keys go in as null and are kept aside for later. */
async function insertRows(tx: Db, table: TablePlan, columns: string[], rowsJson: string): Promise<void> {
  const source = sql.identifier('source');
  const values = columns.map((name) =>
    table.deferredColumns.includes(name) ? sql`null` : sql`${source}.${sql.identifier(name)}`,
  );
  // OVERRIDING SYSTEM VALUE keeps the ids of identity columns as they were in the backup.
  await tx.execute(
    sql`insert into ${table.identifier} (${sql.join(
      columns.map((name) => sql.identifier(name)),
      sql`, `,
    )}) overriding system value
        select ${sql.join(values, sql`, `)}
        from jsonb_populate_recordset(null::${table.identifier}, ${rowsJson}::jsonb) ${source}`,
  );
  if (table.deferredColumns.length === 0) return;
  const anyDeferredValue = sql.join(
    table.deferredColumns.map((name) => sql`value ->> ${name} is not null`),
    sql` or `,
  );
  await tx.execute(
    sql`insert into ${sql.identifier(DEFERRED_TABLE)} (table_name, row)
        select ${table.name}, value from jsonb_array_elements(${rowsJson}::jsonb) where ${anyDeferredValue}`,
  );
}

/** Fills in the deferred foreign keys now that every referenced row exists. */
async function applyDeferredColumns(tx: Db, table: TablePlan): Promise<void> {
  if (table.deferredColumns.length === 0) return;
  const target = sql.identifier('target');
  const source = sql.identifier('source');
  const assignments = table.deferredColumns.map(
    (name) => sql`${sql.identifier(name)} = ${source}.${sql.identifier(name)}`,
  );
  const sameKey = table.keyColumns.map(
    (column) => sql`${target}.${sql.identifier(column.name)} = ${source}.${sql.identifier(column.name)}`,
  );
  await tx.execute(
    sql`update ${table.identifier} as ${target} set ${sql.join(assignments, sql`, `)}
        from ${sql.identifier(DEFERRED_TABLE)} deferred
        cross join lateral jsonb_populate_record(null::${table.identifier}, deferred.row) ${source}
        where deferred.table_name = ${table.name} and ${sql.join(sameKey, sql` and `)}`,
  );
}

/** Serial and identity columns: the next generated value must follow the restored ones. */
async function resetSequences(tx: Db, table: TablePlan): Promise<void> {
  for (const column of await targetColumns(tx, table)) {
    if (!column.sequence) continue;
    await tx.execute(
      sql`select setval(${column.sequence}::regclass, max(${sql.identifier(column.name)}))
          from ${table.identifier} having max(${sql.identifier(column.name)}) is not null`,
    );
  }
}

/** The lines of a gzip-compressed file, read as they are consumed. */
async function* readLines(file: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip).setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      rest += chunk;
      let start = 0;
      for (let end = rest.indexOf('\n'); end !== -1; end = rest.indexOf('\n', start)) {
        yield rest.slice(start, end);
        start = end + 1;
      }
      rest = rest.slice(start);
    }
    if (rest !== '') yield rest;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

/** zlib errors mean a damaged file; say so instead of quoting zlib. */
function asBackupFileError(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'Z_DATA_ERROR')
    return new AppError('invalid_request', `${file} is not a Meridian backup (not gzip data)`);
  if (code === 'Z_BUF_ERROR') return new AppError('invalid_request', `${file} is truncated`);
  return error;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function summarise(tables: TableRowCount[], startedAt: number): BackupSummary {
  return {
    tables,
    totalRows: tables.reduce((sum, table) => sum + table.rowCount, 0),
    seconds: (performance.now() - startedAt) / 1000,
  };
}
