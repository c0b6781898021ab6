import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from './columns.js';
import { users } from './users.js';

/** A sales territory: accounts and leads belong to one; managers see everything in the ones they manage. */
export const territories = pgTable(
  'territories',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    /** Free text grouping of territories, e.g. "EMEA" or "Midwest". */
    region: text('region'),
    /** The manager who sees every record in this territory. */
    managerId: uuid('manager_id').references((): AnyPgColumn => users.id),
  },
  (table) => [
    uniqueIndex('territories_name_unique').on(sql`lower(${table.name})`).where(sql`${table.deletedAt} is null`),
    index('territories_manager_idx').on(table.managerId),
    index('territories_created_at_id_idx').on(table.createdAt, table.id),
    index('territories_updated_at_id_idx').on(table.updatedAt, table.id),
  ],
);
