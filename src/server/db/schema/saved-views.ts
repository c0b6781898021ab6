import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from './columns.js';
import { users } from './users.js';

/**
 * A list as someone likes to look at it ("My dealers due for a visit", "Deals closing this quarter"): the
 * list's parameters and columns, under a name. Each is its owner's; a shared one is offered to everyone.
 */
export const savedViews = pgTable(
  'saved_views',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    /** accounts | contacts | leads | opportunities | activities | tasks | quotes */
    resource: text('resource').notNull(),
    /** The list's query string (filters, q, sort), checked against the list's parameters when saved. */
    query: text('query').notNull(),
    /** The dashboard's column keys, in order; null for its default. */
    columns: text('columns').array(),
    shared: boolean('shared').notNull().default(false),
    ownerId: uuid('owner_id').references(() => users.id),
  },
  (table) => [
    index('saved_views_owner_idx').on(table.ownerId, table.resource, table.name).where(sql`${table.deletedAt} is null`),
    index('saved_views_shared_idx')
      .on(table.resource, table.name)
      .where(sql`${table.shared} and ${table.deletedAt} is null`),
  ],
);
