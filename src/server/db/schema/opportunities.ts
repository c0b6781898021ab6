import { sql } from 'drizzle-orm';
import { check, date, doublePrecision, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { accounts, money, tsvector } from './accounts.js';
import { recordColumns, searchIndex, timestampColumn } from './columns.js';
import { contacts } from './contacts.js';
import { leads } from './leads.js';
import { territories } from './territories.js';
import { users } from './users.js';

export const opportunities = pgTable(
  'opportunities',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    /** The lead this deal was converted from. */
    leadId: uuid('lead_id').references(() => leads.id),
    ownerId: uuid('owner_id').references(() => users.id),
    /**
     * The territory of the deal's account while the account is live, else null: kept by triggers (0019),
     * never written by the application. Deal visibility reads it from the deal's own indexes instead of
     * looking up every deal's account (see visibleDeals).
     */
    territoryId: uuid('territory_id').references(() => territories.id),
    /** prospecting | qualification | proposal | negotiation | closed_won | closed_lost */
    stage: text('stage').notNull(),
    /** 0–100: from the stage unless set for an open stage. */
    probability: integer('probability').notNull(),
    amount: money('amount').notNull().default(0),
    currency: text('currency').notNull(),
    closeDate: date('close_date', { mode: 'string' }).notNull(),
    requirements: text('requirements'),
    productInterest: text('product_interest').array().notNull().default(sql`'{}'::text[]`),
    competitors: text('competitors').array().notNull().default(sql`'{}'::text[]`),
    risks: text('risks'),
    /** Required when the stage is closed_lost. */
    lossReason: text('loss_reason'),
    closedAt: timestampColumn('closed_at'),
    /** not_required | pending | approved | rejected */
    approvalStatus: text('approval_status').notNull().default('not_required'),
    /** Order within the stage column of the kanban board (fractional, so a move rewrites one row). */
    position: doublePrecision('position').notNull().default(0),
    search: tsvector('search').generatedAlwaysAs(
      (): ReturnType<typeof sql> => sql`to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(requirements, ''))`,
    ),
  },
  (table) => [
    index('opportunities_stage_close_idx')
      .on(table.stage, table.closeDate, table.id)
      .where(sql`${table.deletedAt} is null`),
    // Open deals by close date: "open deals closing soonest" reads one range instead of skipping the
    // closed deals that crowd the early dates. Kept narrow: with the deals' money in it (0015), the
    // planner priced it above opportunities_close_idx and walked 46,000 closed deals to find 20 open ones.
    index('opportunities_open_close_idx')
      .on(table.closeDate, table.id)
      .where(
        sql`${table.deletedAt} is null and ${table.stage} in ('prospecting', 'qualification', 'proposal', 'negotiation')`,
      ),
    // The same walk with what visibility reads (stage, owner, account, territory), for the lists of everyone but an
    // admin: their page of ids comes from this index alone, past the deals they may not see (see
    // listOpportunities). A second index rather than a wider one, for the reason above.
    index('opportunities_open_visibility_idx')
      .on(table.closeDate, table.id, table.stage, table.ownerId, table.accountId, table.territoryId)
      .where(
        sql`${table.deletedAt} is null and ${table.stage} in ('prospecting', 'qualification', 'proposal', 'negotiation')`,
      ),
    // Closed deals by when they closed: "deals won last quarter" reads its latest wins in this order and
    // its totals from this index alone, instead of every won deal in close-date order.
    index('opportunities_closed_idx')
      .on(table.stage, table.closedAt, table.id, table.currency, table.amount, table.probability)
      .where(sql`${table.deletedAt} is null and ${table.stage} in ('closed_won', 'closed_lost')`),
    // Every column the pipeline and forecast aggregates read, so they scan this index alone.
    index('opportunities_pipeline_idx')
      .on(
        table.stage,
        table.currency,
        table.closeDate,
        table.ownerId,
        table.accountId,
        table.amount,
        table.probability,
        table.closedAt,
        table.territoryId,
      )
      .where(sql`${table.deletedAt} is null`),
    index('opportunities_close_idx').on(table.closeDate, table.id).where(sql`${table.deletedAt} is null`),
    // The id at the end lets visibility's "a deal of my team / of an account I see" read these indexes alone.
    index('opportunities_owner_idx')
      .on(table.ownerId, table.closeDate, table.id)
      .where(sql`${table.deletedAt} is null`),
    index('opportunities_account_idx')
      .on(table.accountId, table.closeDate, table.id)
      .where(sql`${table.deletedAt} is null`),
    index('opportunities_amount_idx').on(table.amount, table.id).where(sql`${table.deletedAt} is null`),
    index('opportunities_created_at_idx').on(table.createdAt, table.id).where(sql`${table.deletedAt} is null`),
    // updatedAtFrom: what changed since an integration's last sync.
    index('opportunities_updated_at_idx').on(table.updatedAt, table.id).where(sql`${table.deletedAt} is null`),
    index('opportunities_board_idx').on(table.stage, table.position).where(sql`${table.deletedAt} is null`),
    index('opportunities_lead_idx').on(table.leadId),
    index('opportunities_contact_idx').on(table.contactId),
    searchIndex('opportunities_search_idx', table.search),
    searchIndex('opportunities_name_trgm_idx', sql`${table.name} gin_trgm_ops`),
    check(
      'opportunities_stage_check',
      sql`${table.stage} in ('prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost')`,
    ),
    check('opportunities_probability_check', sql`${table.probability} between 0 and 100`),
    check(
      'opportunities_approval_check',
      sql`${table.approvalStatus} in ('not_required', 'pending', 'approved', 'rejected')`,
    ),
  ],
);

/** Every stage change of a deal: who, when, from, to, and the amount and probability at that moment. */
export const opportunityStageHistory = pgTable(
  'opportunity_stage_history',
  {
    id: uuid('id').primaryKey(),
    opportunityId: uuid('opportunity_id')
      .notNull()
      .references(() => opportunities.id),
    /** Null for the first entry, when the deal was created. */
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    amount: money('amount').notNull(),
    probability: integer('probability').notNull(),
    reason: text('reason'),
    changedById: uuid('changed_by_id').references(() => users.id),
    changedAt: timestampColumn('changed_at').notNull().default(sql`date_trunc('milliseconds', now())`),
  },
  (table) => [index('opportunity_stage_history_idx').on(table.opportunityId, table.changedAt, table.id)],
);

/** A request to approve a large deal before it may close as won. */
export const approvals = pgTable(
  'approvals',
  {
    ...recordColumns(),
    opportunityId: uuid('opportunity_id')
      .notNull()
      .references(() => opportunities.id),
    requestedById: uuid('requested_by_id').references(() => users.id),
    /** The owner's manager, or an admin when the owner has none. */
    approverId: uuid('approver_id').references(() => users.id),
    /** pending | approved | rejected */
    status: text('status').notNull(),
    /** The deal amount when approval was asked: a later increase needs a new approval. */
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    requestComment: text('request_comment'),
    decisionComment: text('decision_comment'),
    decidedById: uuid('decided_by_id').references(() => users.id),
    decidedAt: timestampColumn('decided_at'),
    /** SHA-256 of a one-time token for deciding from a signed e-mail link (the e-mail issue). */
    decisionTokenHash: text('decision_token_hash'),
  },
  (table) => [
    index('approvals_approver_status_idx').on(table.approverId, table.status, table.createdAt),
    index('approvals_opportunity_idx').on(table.opportunityId, table.createdAt),
    check('approvals_status_check', sql`${table.status} in ('pending', 'approved', 'rejected')`),
  ],
);

/**
 * The weekly forecast snapshot, one row per owner, territory and close month, so the forecast history
 * can be computed over what each viewer may see.
 */
export const forecastSnapshots = pgTable(
  'forecast_snapshots',
  {
    id: uuid('id').primaryKey(),
    /** The day the snapshot was taken (a Monday for the weekly job). */
    takenOn: date('taken_on', { mode: 'string' }).notNull(),
    ownerId: uuid('owner_id'),
    territoryId: uuid('territory_id'),
    /** First day of the close month. */
    closeMonth: date('close_month', { mode: 'string' }).notNull(),
    currency: text('currency').notNull(),
    closedWon: money('closed_won').notNull(),
    commit: money('commit').notNull(),
    bestCase: money('best_case').notNull(),
    weighted: money('weighted').notNull(),
    pipeline: money('pipeline').notNull(),
    dealCount: integer('deal_count').notNull(),
  },
  (table) => [index('forecast_snapshots_taken_idx').on(table.takenOn, table.closeMonth)],
);
