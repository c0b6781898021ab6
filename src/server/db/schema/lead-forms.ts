import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, timestampColumn } from './columns.js';
import { users } from './users.js';

/**
 * A form on the company's website whose inquiries become leads (web-to-lead): anyone may post to it by
 * its public key, so it says where the leads go (the rep of their territory in turn, else its owner)
 * and where the visitor is sent afterwards.
 */
export const leadForms = pgTable(
  'lead_forms',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    /** The public key in the form's address: not a secret, but not guessable, and changeable by a new form. */
    key: text('key').notNull(),
    active: boolean('active').notNull().default(true),
    /** The leads' source: website, trade_show, … */
    source: text('source').notNull().default('website'),
    /** owner: every lead to ownerId; territory: to the territory's reps in turn, else to ownerId. */
    assignment: text('assignment').notNull().default('territory'),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    /** Where a browser that posted the form is sent afterwards (303); null: a short thank-you page. */
    redirectUrl: text('redirect_url'),
    submissionCount: integer('submission_count').notNull().default(0),
    lastSubmissionAt: timestampColumn('last_submission_at'),
  },
  (table) => [
    uniqueIndex('lead_forms_key_unique').on(table.key),
    index('lead_forms_name_idx').on(table.name, table.id).where(sql`${table.deletedAt} is null`),
  ],
);
