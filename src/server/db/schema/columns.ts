import { type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, index, integer, timestamp, uuid } from 'drizzle-orm/pg-core';

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

/**
 * A GIN index that searches read (a full-text document, trigrams of a name), written to directly rather
 * than through a pending list (`fastupdate`). PostgreSQL's default queues new entries in an unsorted list
 * of up to 4 MB, merged by vacuum or by the write that fills it, and every search reads the whole list:
 * 3,000 queued entries per index made global search two to two and a half times slower on the bench data
 * (medians: 24.8 ms instead of 10.1 for a typo, 10.1 instead of 5.2 for a surname, 5.5 instead of 2.8 for
 * a company name). Writing directly costs 0.07 to 0.11 ms more per updated row and 0.19 ms per new
 * account (its name's trigrams), and no write pays for merging a full list. A CRM is searched far more
 * often than it is written. The bulk loader re-creates these indexes from their definitions, option
 * included.
 */
export const searchIndex = (name: string, target: SQL | AnyPgColumn) =>
  index(name).using('gin', target).with({ fastupdate: false });

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
