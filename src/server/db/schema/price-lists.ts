import { sql } from 'drizzle-orm';
import { boolean, index, numeric, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { recordColumns } from './columns.js';

/**
 * What a channel pays: distributors buy at one price, dealers at another, end customers at list. A price
 * list takes a share off the catalogue's list prices in its currency, and may name its own price for any
 * product (`price_list_entries`, beside the products). An account is on at most one list.
 */
export const priceLists = pgTable(
  'price_lists',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    description: text('description'),
    /** ISO 4217: the list prices deals in this currency, and only products listed in it take its discount. */
    currency: text('currency').notNull(),
    /** Taken off the list price of every product in the list's currency that has no price of its own here. */
    discountPercent: numeric('discount_percent', { precision: 5, scale: 2, mode: 'number' }).notNull().default(0),
    /** An inactive list prices nothing and cannot be given to an account; the accounts on it keep it. */
    active: boolean('active').notNull().default(true),
  },
  (table) => [
    uniqueIndex('price_lists_name_unique').on(sql`lower(${table.name})`).where(sql`${table.deletedAt} is null`),
    index('price_lists_name_idx').on(table.name, table.id).where(sql`${table.deletedAt} is null`),
  ],
);
