import { type Column, getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../src/server/db/client.js';

/** The one thing the writer needs from a driver: a parameterised statement. */
export type SqlClient = { query(text: string, values: unknown[]): Promise<{ rowCount?: number | null }> };

export function sqlClientOf(database: Database): SqlClient {
  const { driver } = database;
  if (driver.kind === 'postgres') return { query: (text, values) => driver.pool.query(text, values) };
  return {
    query: async (text, values) => {
      const result = await driver.client.query(text, values);
      return { rowCount: result.affectedRows ?? null };
    },
  };
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Inserts a batch of Drizzle rows in one statement:
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
  const first = rows[0];
  if (!first) return 0;
  const { name, schema } = getTableConfig(table);
  const columnsByKey = getTableColumns(table) as Record<string, Column>;
  const keys = Object.keys(first).filter((key) => (first as Record<string, unknown>)[key] !== undefined);
  const columns = keys.map((key) => {
    const column = columnsByKey[key];
    if (!column) throw new Error(`${name}: a generated row has the field "${key}", which is not a column`);
    return column;
  });

  const values: (string | null)[][] = columns.map(() => new Array<string | null>(rows.length));
  for (let rowIndex = 0; rowIndex < rows.length; rowIndex += 1) {
    const row = rows[rowIndex] as Record<string, unknown>;
    for (let columnIndex = 0; columnIndex < columns.length; columnIndex += 1) {
      const key = keys[columnIndex] as string;
      const value = row[key];
      if (value === undefined) {
        throw new Error(
          `${name}: row ${rowIndex} of a batch lacks "${key}"; give every row of a batch the same fields`,
        );
      }
      (values[columnIndex] as (string | null)[])[rowIndex] = toText(columns[columnIndex] as Column, value);
    }
  }

  const target = schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(name)}` : quoteIdentifier(name);
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
