import { sql } from 'drizzle-orm';
import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Timestamps are stored with time zone and handed around as ISO strings in UTC. */
export const timestampColumn = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * now() truncated to milliseconds: JavaScript dates carry milliseconds, so a keyset cursor made from a
 * microsecond value would skip or repeat rows.
 */
export const nowInMilliseconds = sql`date_trunc('milliseconds', now())`;

/**
 * Columns every resource carries (API.md "Conventions"): a v7 UUID generated in TypeScript (PostgreSQL 15
 * has no uuidv7()), the optimistic-concurrency `version`, and `deleted_at` for soft delete.
 */
export const recordColumns = () => ({
  id: uuid('id').primaryKey(),
  createdAt: timestampColumn('created_at').notNull().default(nowInMilliseconds),
  updatedAt: timestampColumn('updated_at').notNull().default(nowInMilliseconds),
  version: integer('version').notNull().default(1),
  deletedAt: timestampColumn('deleted_at'),
});
