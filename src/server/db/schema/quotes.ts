import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  numeric,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts, money } from './accounts.js';
import { recordColumns, timestampColumn } from './columns.js';
import { contacts } from './contacts.js';
import { opportunities } from './opportunities.js';
import { products } from './products.js';
import { users } from './users.js';

/** Quote numbers: one sequence, so a number is never given twice, even to a quote later deleted. */
export const QUOTE_NUMBER_SEQUENCE = 'quote_number_seq';
export const quoteNumbers = pgSequence(QUOTE_NUMBER_SEQUENCE, { startWith: 1 });

/**
 * Moves the quote numbers on past the highest quote there is: what a restore runs, since a backup holds
 * the quotes but not the sequence, and a restored database would otherwise hand out Q-00001 again.
 */
export const resyncQuoteNumbers = sql`select setval(${QUOTE_NUMBER_SEQUENCE}::regclass,
  coalesce((select max(substring(number from 3)::bigint) from quotes), 0) + 1, false)`;

/**
 * A price quote made from a deal: what is offered, at what prices, until when. A draft changes freely;
 * once sent it is the document the customer holds and stays as it was (status moves on, nothing else).
 * `expired` is not stored: a sent quote past its last day reads as expired.
 */
export const quotes = pgTable(
  'quotes',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    opportunityId: uuid('opportunity_id')
      .notNull()
      .references(() => opportunities.id),
    /** The deal's, copied so visibility and the account's lists need no join through the deal. */
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['draft', 'sent', 'accepted', 'rejected'] })
      .notNull()
      .default('draft'),
    currency: text('currency').notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    terms: text('terms'),
    taxPercent: numeric('tax_percent', { precision: 5, scale: 2, mode: 'number' }).notNull().default(0),
    /** Σ line totals, stored so lists sort and filter by it; written with the lines. */
    net: money('net').notNull().default(0),
    sentAt: timestampColumn('sent_at'),
    acceptedAt: timestampColumn('accepted_at'),
    rejectedAt: timestampColumn('rejected_at'),
    rejectionReason: text('rejection_reason'),
    /** When its preparer was told a sent quote is about to lapse: once per quote (bookkeeping, no version). */
    expiryNoticeAt: timestampColumn('expiry_notice_at'),
  },
  (table) => [
    uniqueIndex('quotes_number_unique').on(table.number),
    index('quotes_opportunity_idx').on(table.opportunityId, table.createdAt).where(sql`${table.deletedAt} is null`),
    index('quotes_account_idx').on(table.accountId, table.createdAt).where(sql`${table.deletedAt} is null`),
    index('quotes_owner_idx').on(table.ownerId, table.createdAt).where(sql`${table.deletedAt} is null`),
    index('quotes_created_at_idx').on(table.createdAt, table.id),
    index('quotes_updated_at_idx').on(table.updatedAt, table.id),
    // A deal takes the lines of one accepted quote: a second acceptance is a 409, not a silent overwrite.
    uniqueIndex('quotes_one_accepted_per_deal')
      .on(table.opportunityId)
      .where(sql`${table.status} = 'accepted' and ${table.deletedAt} is null`),
    // What the expiry notices look through: sent quotes nobody has been told about yet, by last day.
    index('quotes_expiry_notice_idx')
      .on(table.validUntil)
      .where(sql`${table.status} = 'sent' and ${table.expiryNoticeAt} is null and ${table.deletedAt} is null`),
    check('quotes_tax_percent_check', sql`${table.taxPercent} between 0 and 100`),
  ],
);

/** A quote's lines: copies of the products offered (name and SKU as they were), replaced as a whole. */
export const quoteLines = pgTable(
  'quote_lines',
  {
    quoteId: uuid('quote_id')
      .notNull()
      .references(() => quotes.id),
    position: integer('position').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    quantity: numeric('quantity', { precision: 12, scale: 2, mode: 'number' }).notNull(),
    unitPrice: money('unit_price').notNull(),
    discountPercent: numeric('discount_percent', { precision: 5, scale: 2, mode: 'number' }).notNull().default(0),
    total: money('total').notNull(),
  },
  (table) => [
    primaryKey({ name: 'quote_lines_pkey', columns: [table.quoteId, table.position] }),
    index('quote_lines_product_idx').on(table.productId),
  ],
);
