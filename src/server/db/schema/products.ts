import { sql } from 'drizzle-orm';
import { boolean, index, integer, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { money } from './accounts.js';
import { nowInMilliseconds, recordColumns, timestampColumn } from './columns.js';
import { opportunities } from './opportunities.js';
import { priceLists } from './price-lists.js';

/** What the company sells: its catalogue, with list prices. Admins and managers keep it. */
export const products = pgTable(
  'products',
  {
    ...recordColumns(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    family: text('family'),
    description: text('description'),
    unitPrice: money('unit_price').notNull(),
    currency: text('currency').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (table) => [
    uniqueIndex('products_sku_unique').on(sql`lower(${table.sku})`).where(sql`${table.deletedAt} is null`),
    index('products_name_idx').on(table.name, table.id).where(sql`${table.deletedAt} is null`),
    index('products_family_idx').on(table.family, table.name).where(sql`${table.deletedAt} is null`),
    index('products_created_at_id_idx').on(table.createdAt, table.id),
    index('products_updated_at_id_idx').on(table.updatedAt, table.id),
  ],
);

/**
 * The products on a deal. While a deal has lines, its amount is the sum of their totals, written by the
 * line items service in the transaction of the change (so the deal's version, audit and webhooks follow).
 */
export const opportunityLineItems = pgTable(
  'opportunity_line_items',
  {
    ...recordColumns(),
    opportunityId: uuid('opportunity_id')
      .notNull()
      .references(() => opportunities.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    quantity: numeric('quantity', { precision: 12, scale: 2, mode: 'number' }).notNull(),
    unitPrice: money('unit_price').notNull(),
    discountPercent: numeric('discount_percent', { precision: 5, scale: 2, mode: 'number' }).notNull().default(0),
    /** quantity × unit price less the discount, to the cent: stored, so sums in SQL agree with the lines. */
    total: money('total').notNull(),
    /** The order the lines were added in. */
    position: integer('position').notNull(),
  },
  (table) => [
    index('opportunity_line_items_deal_idx')
      .on(table.opportunityId, table.position)
      .where(sql`${table.deletedAt} is null`),
    index('opportunity_line_items_product_idx').on(table.productId).where(sql`${table.deletedAt} is null`),
  ],
);

/**
 * A product's own price on a price list, in the list's currency: it wins over the list's discount. One
 * per list and product; taking it off (a hard delete, audited) gives the product the discounted list
 * price again.
 */
export const priceListEntries = pgTable(
  'price_list_entries',
  {
    id: uuid('id').primaryKey(),
    priceListId: uuid('price_list_id')
      .notNull()
      .references(() => priceLists.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    unitPrice: money('unit_price').notNull(),
    createdAt: timestampColumn('created_at').notNull().default(nowInMilliseconds),
    updatedAt: timestampColumn('updated_at').notNull().default(nowInMilliseconds),
    version: integer('version').notNull().default(1),
  },
  (table) => [
    uniqueIndex('price_list_entries_list_product_unique').on(table.priceListId, table.productId),
    index('price_list_entries_product_idx').on(table.productId),
  ],
);
