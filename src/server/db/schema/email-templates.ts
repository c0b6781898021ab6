import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from './columns.js';
import { users } from './users.js';

/**
 * Texts a rep sends again and again (a price-list cover note, a visit follow-up), with `{{fields}}` filled
 * from the record an e-mail is written about. Each is its owner's; a shared one is offered to everyone.
 */
export const emailTemplates = pgTable(
  'email_templates',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    shared: boolean('shared').notNull().default(false),
    ownerId: uuid('owner_id').references(() => users.id),
  },
  (table) => [
    index('email_templates_owner_name_idx')
      .on(table.ownerId, table.name, table.id)
      .where(sql`${table.deletedAt} is null`),
    index('email_templates_shared_name_idx')
      .on(table.name, table.id)
      .where(sql`${table.shared} and ${table.deletedAt} is null`),
    index('email_templates_name_idx').on(table.name, table.id).where(sql`${table.deletedAt} is null`),
    index('email_templates_updated_at_idx').on(table.updatedAt, table.id).where(sql`${table.deletedAt} is null`),
  ],
);
