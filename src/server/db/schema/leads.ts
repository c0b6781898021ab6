import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { accounts, money, tsvector } from './accounts.js';
import { phoneSearchWords, recordColumns, searchIndex, timestampColumn } from './columns.js';
import { contacts } from './contacts.js';
import { territories } from './territories.js';
import { users } from './users.js';

export const leads = pgTable(
  'leads',
  {
    ...recordColumns(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    company: text('company'),
    title: text('title'),
    /** Lower-cased on write. */
    email: text('email'),
    phone: text('phone'),
    /** website | trade_show | referral | cold_call | social_media */
    source: text('source').notNull(),
    /** inquiry | qualified | proposal | negotiation */
    stage: text('stage').notNull(),
    /** open | converted | disqualified */
    status: text('status').notNull(),
    /** Company size, a fit signal for the score. */
    employees: integer('employees'),
    /** Where the lead is: territories are matched on these when none is given. */
    country: text('country'),
    region: text('region'),
    bantBudget: boolean('bant_budget').notNull().default(false),
    bantAuthority: boolean('bant_authority').notNull().default(false),
    bantNeed: boolean('bant_need').notNull().default(false),
    bantTimeline: boolean('bant_timeline').notNull().default(false),
    budgetAmount: money('budget_amount'),
    decisionDate: date('decision_date', { mode: 'string' }),
    needDescription: text('need_description'),
    /** 0–100, computed by the scoring rules whenever an input changes; read-only in the API. */
    score: integer('score').notNull().default(0),
    /** The rules behind the score: [{rule, points, detail}]. */
    scoreReasons: jsonb('score_reasons').notNull().default(sql`'[]'::jsonb`),
    ownerId: uuid('owner_id').references(() => users.id),
    territoryId: uuid('territory_id').references(() => territories.id),
    convertedAt: timestampColumn('converted_at'),
    convertedAccountId: uuid('converted_account_id').references(() => accounts.id),
    convertedContactId: uuid('converted_contact_id').references(() => contacts.id),
    /** Set after conversion when an opportunity was created (no FK: opportunities reference leads too). */
    convertedOpportunityId: uuid('converted_opportunity_id'),
    disqualifiedAt: timestampColumn('disqualified_at'),
    disqualifiedReason: text('disqualified_reason'),
    search: tsvector('search').generatedAlwaysAs(
      (): ReturnType<typeof sql> =>
        sql.raw(
          `to_tsvector('simple', coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(company, '') || ' ' || coalesce(replace(replace(email, '@', ' '), '.', ' '), '') || ' ' || coalesce(email, '') || ' ' || ${phoneSearchWords('phone')})`,
        ),
    ),
  },
  (table) => [
    index('leads_created_at_idx').on(table.createdAt, table.id).where(sql`${table.deletedAt} is null`),
    // updatedAtFrom: what changed since an integration's last sync.
    index('leads_updated_at_idx').on(table.updatedAt, table.id).where(sql`${table.deletedAt} is null`),
    // Status, owner and territory after the sort key, so "open leads scoring 70 or more" and its count,
    // with every viewer's visibility, read this index alone.
    index('leads_score_idx')
      .on(table.score, table.id, table.status, table.ownerId, table.territoryId)
      .where(sql`${table.deletedAt} is null`),
    index('leads_last_name_idx').on(table.lastName, table.id).where(sql`${table.deletedAt} is null`),
    // The id at the end lets visibility's "a lead of my team / territory" read these indexes alone.
    index('leads_owner_idx').on(table.ownerId, table.createdAt, table.id).where(sql`${table.deletedAt} is null`),
    index('leads_territory_idx')
      .on(table.territoryId, table.createdAt, table.id)
      .where(sql`${table.deletedAt} is null`),
    // Every column the lead funnel and the dashboard group by, so they read this index alone.
    index('leads_status_stage_idx')
      .on(table.status, table.stage, table.source, table.ownerId, table.territoryId)
      .where(sql`${table.deletedAt} is null`),
    index('leads_source_idx').on(table.source).where(sql`${table.deletedAt} is null`),
    index('leads_email_idx').on(table.email),
    searchIndex('leads_search_idx', table.search),
    searchIndex('leads_name_trgm_idx', sql`(${table.firstName} || ' ' || ${table.lastName}) gin_trgm_ops`),
    searchIndex('leads_company_trgm_idx', sql`${table.company} gin_trgm_ops`),
    check(
      'leads_source_check',
      sql`${table.source} in ('website', 'trade_show', 'referral', 'cold_call', 'social_media')`,
    ),
    check('leads_stage_check', sql`${table.stage} in ('inquiry', 'qualified', 'proposal', 'negotiation')`),
    check('leads_status_check', sql`${table.status} in ('open', 'converted', 'disqualified')`),
    check('leads_score_check', sql`${table.score} between 0 and 100`),
  ],
);
