import { finished } from 'node:stream/promises';
import { type Column, getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../db/client.js';
import { binaryWritersOf, encodeBinaryCopy, missingField } from './copy-binary.js';

/** The one thing the unnest writer needs from a driver: a parameterised statement. */
export type SqlClient = { query(text: string, values: unknown[]): Promise<{ rowCount?: number | null }> };

/** What the generator writes through: batches of rows, and the odd statement (VACUUM). */
export type BulkClient = {
  /** Connections that can write at the same time; batch writes name one from 0 to lanes - 1. */
  lanes: number;
  /**
   * Connections of their own for index builds (lanes lanes … lanes + buildLanes - 1 of `query`), so a
   * table's indexes are built while the next table loads; 0 where builds are not separate (PGlite).
   */
  buildLanes: number;
  /** A statement on the given lane (default 0). */
  query(text: string, lane?: number): Promise<void>;
  /**
   * A parameterised query answering its rows; null on PGlite, where the bulk-load tricks (dropping
   * indexes, disabling triggers) are not used.
   */
  rows: (<Row>(text: string, values: unknown[]) => Promise<Row[]>) | null;
  /** Writes one batch on the given lane and resolves when it is committed; answers the rows written. */
  writeRows(table: PgTable, rows: readonly object[], lane: number): Promise<number>;
  /** Hands the connections back. */
  release(): void;
};

/**
 * On PostgreSQL, `lanes` connections taken from the pool for the whole load, each batch one
 * `COPY … FROM STDIN` (binary format where it can) in its own transaction. On PGlite, which has no COPY from a client
 * stream and one connection, one `insert … select … from unnest(…)` per batch.
 *
 * The loading sessions set synchronous_commit off, as bulk loaders do: a crash would lose the last
 * batches, never corrupt anything, and the bench recreates its database anyway. Nothing else differs from
 * how the application writes: every index, constraint, foreign key and generated column is in place.
 */
export async function bulkClientOf(
  database: Database,
  options: { lanes: number; buildLanes?: number },
): Promise<BulkClient> {
  const { driver } = database;
  if (driver.kind === 'postgres') {
    const clients: pg.PoolClient[] = [];
    const lanes = Math.max(1, options.lanes);
    const buildLanes = Math.max(0, options.buildLanes ?? lanes);
    try {
      for (let lane = 0; lane < lanes + buildLanes; lane += 1) {
        const client = await driver.pool.connect();
        clients.push(client);
        await client.query('set synchronous_commit = off');
      }
    } catch (error) {
      for (const client of clients) client.release();
      throw error;
    }
    const first = clients[0] as pg.PoolClient;
    return {
      lanes,
      buildLanes,
      query: async (text, lane = 0) => {
        await (clients[lane] ?? first).query(text);
      },
      rows: async <Row>(text: string, values: unknown[]) => (await first.query(text, values)).rows as Row[],
      writeRows: (table, rows, lane) => copyRows(clients[lane] ?? first, table, rows),
      release: () => {
        for (const client of clients) client.release();
      },
    };
  }
  const sqlClient: SqlClient = {
    query: async (text, values) => {
      const result = await driver.client.query(text, values);
      return { rowCount: result.affectedRows ?? null };
    },
  };
  return {
    lanes: 1,
    buildLanes: 0,
    query: async (text) => {
      await driver.client.exec(text);
    },
    rows: null,
    writeRows: (table, rows) => insertRows(sqlClient, table, rows),
    release: () => {},
  };
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The columns a batch writes: the keys of its first row, checked against the table. */
function columnsOf(table: PgTable, rows: readonly object[]) {
  const first = rows[0] as Record<string, unknown>;
  const { name, schema } = getTableConfig(table);
  const columnsByKey = getTableColumns(table) as Record<string, Column>;
  const keys = Object.keys(first).filter((key) => first[key] !== undefined);
  const columns = keys.map((key) => {
    const column = columnsByKey[key];
    if (!column) throw new Error(`${name}: a generated row has the field "${key}", which is not a column`);
    if (column.generated) throw new Error(`${name}: "${key}" is a generated column; leave it out of the rows`);
    return column;
  });
  const target = schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(name)}` : quoteIdentifier(name);
  return { name, target, keys, columns };
}

/**
 * Writes a batch with one COPY: in PostgreSQL's binary format (copy-binary.ts) when every column's type
 * has a binary writer, which is the case for every table the generator fills, else in the text format.
 */
export async function copyRows(client: pg.PoolClient, table: PgTable, rows: readonly object[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { name, target, keys, columns } = columnsOf(table, rows);
  const writers = binaryWritersOf(columns);
  const payload = writers ? encodeBinaryCopy(name, keys, writers, rows) : encodeTextCopy(name, keys, columns, rows);
  const columnList = columns.map((column) => quoteIdentifier(column.name)).join(', ');
  const stream = client.query(
    copyFrom(`copy ${target} (${columnList}) from stdin${writers ? ' with (format binary)' : ''}`),
  );
  stream.end(payload);
  await finished(stream);
  return stream.rowCount;
}

/**
 * A batch in COPY's text format: one line per row, columns separated by tabs, `\N` for null, backslash
 * escapes for backslash, tab, newline and carriage return. Values are turned into text as
 * `db.insert(table).values(row)` would send them (the column's own Drizzle mapping), with a fast path for
 * plain strings, numbers, booleans and timestamps.
 */
function encodeTextCopy(name: string, keys: readonly string[], columns: readonly Column[], rows: readonly object[]) {
  const encoders = columns.map(copyEncoderOf);
  const lines: string[] = new Array(rows.length);
  const cells: string[] = new Array(columns.length);
  for (let rowIndex = 0; rowIndex < rows.length; rowIndex += 1) {
    const row = rows[rowIndex] as Record<string, unknown>;
    for (let columnIndex = 0; columnIndex < keys.length; columnIndex += 1) {
      const key = keys[columnIndex] as string;
      const value = row[key];
      if (value === undefined) throw missingField(name, rowIndex, key);
      cells[columnIndex] = (encoders[columnIndex] as CopyEncoder)(value);
    }
    lines[rowIndex] = cells.join('\t');
  }
  lines.push('');
  return Buffer.from(lines.join('\n'), 'utf8');
}

type CopyEncoder = (value: unknown) => string;

const COPY_NULL = '\\N';
const copySpecial = /[\\\t\n\r]/;
const copyEscapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escapeCopyText = (text: string) =>
  copySpecial.test(text) ? text.replace(/[\\\t\n\r]/g, (character) => copyEscapes[character] ?? character) : text;

function copyEncoderOf(column: Column): CopyEncoder {
  // Plain scalars need no mapping; anything else (JSON, arrays, custom types) goes through Drizzle's.
  const plain =
    (column.dataType === 'string' || column.dataType === 'number' || column.dataType === 'boolean') &&
    !column.columnType.includes('Json');
  const timestamp = column.columnType === 'PgTimestamp';
  return (value) => {
    if (value === null) return COPY_NULL;
    if (plain) {
      if (typeof value === 'string') return escapeCopyText(value);
      if (typeof value === 'number') return String(value);
      if (typeof value === 'boolean') return value ? 't' : 'f';
    }
    if (timestamp && value instanceof Date) return value.toISOString();
    const text = toText(column, value);
    return text === null ? COPY_NULL : escapeCopyText(text);
  };
}

/**
 * Inserts a batch of Drizzle rows in one statement (the PGlite path):
 *
 *   insert into t (a, b) select c1::uuid, c2::text[] from unnest($1::text[], $2::text[]) as u(c1, c2)
 *
 * One parameter per column, whatever the batch size, so PostgreSQL's 65,535-parameter limit never bites,
 * the statement text stays the same from batch to batch, and the server parses each value from text as
 * COPY would. Every value goes through the column's own Drizzle mapping first (dates to ISO strings,
 * arrays to array literals, JSON to text), so a row is written exactly as `db.insert(table).values(row)`
 * would write it. Columns a row leaves out take their SQL default; every row of a batch must carry the
 * same columns.
 */
export async function insertRows(client: SqlClient, table: PgTable, rows: readonly object[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { name, target, keys, columns } = columnsOf(table, rows);
  const values: (string | null)[][] = columns.map(() => new Array<string | null>(rows.length));
  for (let rowIndex = 0; rowIndex < rows.length; rowIndex += 1) {
    const row = rows[rowIndex] as Record<string, unknown>;
    for (let columnIndex = 0; columnIndex < columns.length; columnIndex += 1) {
      const key = keys[columnIndex] as string;
      const value = row[key];
      if (value === undefined) throw missingField(name, rowIndex, key);
      (values[columnIndex] as (string | null)[])[rowIndex] = toText(columns[columnIndex] as Column, value);
    }
  }
  const aliases = columns.map((_, index) => `c${index + 1}`);
  const text =
    `insert into ${target} (${columns.map((column) => quoteIdentifier(column.name)).join(', ')}) ` +
    `select ${columns.map((column, index) => `${aliases[index]}::${column.getSQLType()}`).join(', ')} ` +
    `from unnest(${columns.map((_, index) => `$${index + 1}::text[]`).join(', ')}) as u(${aliases.join(', ')})`;
  const result = await client.query(text, values);
  return result.rowCount ?? rows.length;
}

function toText(column: Column, value: unknown): string | null {
  if (value === null) return null;
  const driverValue: unknown = column.mapToDriverValue(value);
  switch (typeof driverValue) {
    case 'string':
      return driverValue;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(driverValue);
    default:
      if (driverValue === null || driverValue === undefined) return null;
      if (driverValue instanceof Date) return driverValue.toISOString();
      return JSON.stringify(driverValue);
  }
}
