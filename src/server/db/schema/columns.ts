import { sql } from 'drizzle-orm';
import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The full-text words of a phone number column: its digits, and their last 10 and last 7, so a number is
 * found however much of it is typed ("+1 312 555 0102", "(312) 555-0102", "555-0102"; text-search.ts
 * turns a phone-like query into one word of digits). Written into generated columns' SQL, where it must
 * be immutable: regexp_replace and right are.
 */
export function phoneSearchWords(column: string): string {
  const digits = `regexp_replace(coalesce(${column}, ''), '[^0-9]', '', 'g')`;
  return `${digits} || ' ' || right(${digits}, 10) || ' ' || right(${digits}, 7)`;
}

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
