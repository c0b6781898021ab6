import { eq, isNotNull, isNull, sql } from 'drizzle-orm';
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
