import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { money } from './accounts.js';
import { recordColumns } from './columns.js';
import { users } from './users.js';

/**
 * A salesperson's quota for one month: what they are expected to win (deals won with their close date in
 * that month). A quarter's or a year's target is the sum of its months. Managers set their people's,
 * admins everyone's.
 */
export const salesTargets = pgTable(
  'sales_targets',
  {
    ...recordColumns(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** The first day of the month. */
    month: date('month', { mode: 'string' }).notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    setById: uuid('set_by_id').references(() => users.id),
  },
  (table) => [
    // One live target per person and month: the grid of a year is a lookup, and a second one is a 409.
    uniqueIndex('sales_targets_user_month_unique').on(table.userId, table.month).where(sql`${table.deletedAt} is null`),
    index('sales_targets_month_idx').on(table.month, table.userId).where(sql`${table.deletedAt} is null`),
    index('sales_targets_updated_at_idx').on(table.updatedAt, table.id),
    check('sales_targets_month_check', sql`extract(day from ${table.month}) = 1`),
    check('sales_targets_amount_check', sql`${table.amount} >= 0`),
  ],
);
