import { and, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { allOf } from './keyset.js';

/** A table with the record columns of schema/columns.ts. */
export type VersionedTable = PgTable & {
  id: AnyPgColumn;
  version: AnyPgColumn;
  updatedAt: AnyPgColumn;
  deletedAt: AnyPgColumn;
};

/**
 * The one way rows of a resource change: applies `changes` to a live row (or, for restore, a
 * soft-deleted one) only while it is still at `expectedVersion` (when given), bumps `version` and
 * `updatedAt`, and returns the new row. Undefined means no row matched: the caller tells "gone" (404)
 * from "stale" (412) with the row it read first.
 */
export async function updateVersionedRow<Table extends VersionedTable>(
  db: Db,
  table: Table,
  id: string,
  changes: Partial<Table['$inferInsert']>,
  options: { expectedVersion: number | undefined; state?: 'live' | 'deleted' },
): Promise<Table['$inferSelect'] | undefined> {
  const rows = (await db
    .update(table)
    .set({ ...changes, version: sql`${table.version} + 1`, updatedAt: new Date() } as never)
    .where(
      allOf(
        eq(table.id, id),
        options.state === 'deleted' ? isNotNull(table.deletedAt) : isNull(table.deletedAt),
        options.expectedVersion === undefined ? undefined : eq(table.version, options.expectedVersion),
      ),
    )
    .returning()) as Table['$inferSelect'][];
  return rows[0];
}

/**
 * Moves the deletion time of the rows of `table` that meet `condition` and are deleted at `from` (null:
 * the live ones) to `to`, bumping their version: a record's deletion takes what hangs off it along at its
 * own time, and its restore brings back exactly those deleted at that time.
 */
export async function moveDeletedAt<Table extends VersionedTable>(
  db: Db,
  table: Table,
  condition: SQL | undefined,
  deletedAt: { from: Date | null; to: Date | null },
): Promise<Table['$inferSelect'][]> {
  const { from, to } = deletedAt;
  return (await db
    .update(table)
    .set({ deletedAt: to, updatedAt: new Date(), version: sql`${table.version} + 1` } as never)
    .where(and(condition, from === null ? isNull(table.deletedAt) : eq(table.deletedAt, from)))
    .returning()) as Table['$inferSelect'][];
}
