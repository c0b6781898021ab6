import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts, tsvector } from './accounts.js';
import { phoneSearchWords, recordColumns, searchIndex } from './columns.js';
import { territories } from './territories.js';
import { users } from './users.js';

export const contacts = pgTable(
  'contacts',
  {
    ...recordColumns(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    title: text('title'),
    /** decision_maker | influencer | contact | distributor | dealer */
    role: text('role').notNull(),
    /** Someone at the same account; never a cycle. */
    reportsToId: uuid('reports_to_id').references((): AnyPgColumn => contacts.id),
    /** Lower-cased on write. */
    email: text('email'),
    /** Digits with an optional leading +, so the same number typed two ways matches. */
    phone: text('phone'),
    mobile: text('mobile'),
    /** At most one per account, enforced by contacts_one_primary_per_account. */
    isPrimary: boolean('is_primary').notNull().default(false),
    ownerId: uuid('owner_id').references(() => users.id),
    /** A contact merged into another: soft-deleted, pointing at the one that has its records now. */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => contacts.id),
    /**
     * The territory of the contact's account while the account is live, else null: kept by triggers (0020),
     * never written by the application. Visibility reads it from the contact's own index, so a rep's
     * search fetches only the matches they may see (see visibleContacts).
     */
    territoryId: uuid('territory_id').references(() => territories.id),
    search: tsvector('search').generatedAlwaysAs(
      (): ReturnType<typeof sql> =>
        sql.raw(
          `to_tsvector('simple', coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(replace(replace(email, '@', ' '), '.', ' '), '') || ' ' || coalesce(email, '') || ' ' || ${phoneSearchWords('phone')} || ' ' || ${phoneSearchWords('mobile')})`,
        ),
    ),
  },
  (table) => [
    uniqueIndex('contacts_one_primary_per_account')
      .on(table.accountId)
      .where(sql`${table.isPrimary} and ${table.deletedAt} is null`),
    index('contacts_account_idx').on(table.accountId, table.lastName, table.id).where(sql`${table.deletedAt} is null`),
    index('contacts_last_name_idx').on(table.lastName, table.id).where(sql`${table.deletedAt} is null`),
    index('contacts_created_at_idx').on(table.createdAt, table.id).where(sql`${table.deletedAt} is null`),
    // updatedAtFrom: what changed since an integration's last sync.
    index('contacts_updated_at_idx').on(table.updatedAt, table.id).where(sql`${table.deletedAt} is null`),
    index('contacts_owner_idx').on(table.ownerId, table.lastName, table.id).where(sql`${table.deletedAt} is null`),
    index('contacts_email_idx').on(table.email).where(sql`${table.deletedAt} is null`),
    index('contacts_reports_to_idx').on(table.reportsToId),
    searchIndex('contacts_search_idx', table.search),
    // What a rep may see by territory, as a bitmap PostgreSQL ANDs with the search's (see visibleContacts).
    index('contacts_territory_idx').on(table.territoryId).where(sql`${table.deletedAt} is null`),
    searchIndex('contacts_name_trgm_idx', sql`(${table.firstName} || ' ' || ${table.lastName}) gin_trgm_ops`),
    check(
      'contacts_role_check',
      sql`${table.role} in ('decision_maker', 'influencer', 'contact', 'distributor', 'dealer')`,
    ),
  ],
);
