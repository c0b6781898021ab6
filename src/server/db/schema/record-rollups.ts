import { bigint, date, index, integer, pgTable, smallint, text, unique, uuid } from 'drizzle-orm/pg-core';

/*
 * Counts of live accounts, leads, activities and open tasks, pre-aggregated by the territories that make
 * them visible, so the dashboard reads a few hundred rows instead of scanning 100,000 accounts, 200,000
 * leads, a month of activities and every open task for every request. Like the deal rollups they are
 * derived data: triggers written in drizzle/0013_record_rollups.sql keep them exact in the transaction of
 * every change, `rebuild_record_rollups()` recomputes them (after a bulk load or a restore), and they are
 * left out of backups (`derivedTables`).
 *
 * They serve the "in one of my territories" part of visibility (and admins whole). The other part, records
 * the viewer's team owns outside their territories, is read from the records themselves through the
 * owner indexes: it is small for everyone but admins, who need no second part.
 */

/** A handle for deleting emptied rows by index (the natural keys have nulls, which `=` cannot match). */
const rollupId = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();

/**
 * One of eight rows per key, chosen by the record's id (`hashtext(id) & 7`): a record always counts in the
 * same stripe, and concurrent writers of records with the same key (accounts created by lead conversions
 * in one territory) mostly lock different rows instead of queueing on one until commit. Readers sum the
 * stripes. Leads are not striped: a conversion's lead rows are keyed by stage and source as well, so they
 * are rarely shared, and the dashboard reads every lead row.
 */
const stripe = () => smallint('stripe').notNull();

/** Live accounts by their territory and type (in stripes). */
export const accountRollups = pgTable(
  'account_rollups',
  {
    id: rollupId(),
    territoryId: uuid('territory_id'),
    type: text('type').notNull(),
    stripe: stripe(),
    accountCount: integer('account_count').notNull(),
  },
  (table) => [unique('account_rollups_key').on(table.territoryId, table.type, table.stripe).nullsNotDistinct()],
);

/** Live leads by their territory, status, stage and source. */
export const leadRollups = pgTable(
  'lead_rollups',
  {
    id: rollupId(),
    territoryId: uuid('territory_id'),
    status: text('status').notNull(),
    stage: text('stage').notNull(),
    source: text('source').notNull(),
    leadCount: integer('lead_count').notNull(),
  },
  (table) => [
    unique('lead_rollups_key').on(table.territoryId, table.status, table.stage, table.source).nullsNotDistinct(),
  ],
);

/**
 * The territories through which a linked record (activity, task) is visible, each null when there is no
 * such link or the linked record is deleted: its live account's, its live lead's, and the live account of
 * its live deal (API.md "Visibility": records tied to accounts in the viewer's territories).
 */
const linkTerritories = () => ({
  accountTerritoryId: uuid('account_territory_id'),
  leadTerritoryId: uuid('lead_territory_id'),
  dealTerritoryId: uuid('deal_territory_id'),
});

/** Live activities by link territories, UTC day of their moment (done, else planned, else logged) and type. */
export const activityRollups = pgTable(
  'activity_rollups',
  {
    id: rollupId(),
    ...linkTerritories(),
    day: date('day', { mode: 'string' }).notNull(),
    type: text('type').notNull(),
    activityCount: integer('activity_count').notNull(),
  },
  (table) => [
    unique('activity_rollups_key')
      .on(table.accountTerritoryId, table.leadTerritoryId, table.dealTerritoryId, table.day, table.type)
      .nullsNotDistinct(),
    index('activity_rollups_day_idx').on(table.day),
    index('activity_rollups_account_territory_idx').on(table.accountTerritoryId, table.day),
    index('activity_rollups_lead_territory_idx').on(table.leadTerritoryId, table.day),
    index('activity_rollups_deal_territory_idx').on(table.dealTerritoryId, table.day),
  ],
);

/** Live open and in-progress tasks by link territories and UTC day of their due time (null: no due time). */
export const taskRollups = pgTable(
  'task_rollups',
  {
    id: rollupId(),
    ...linkTerritories(),
    dueDay: date('due_day', { mode: 'string' }),
    taskCount: integer('task_count').notNull(),
  },
  (table) => [
    unique('task_rollups_key')
      .on(table.accountTerritoryId, table.leadTerritoryId, table.dealTerritoryId, table.dueDay)
      .nullsNotDistinct(),
  ],
);

export const recordRollupTables = [accountRollups, leadRollups, activityRollups, taskRollups];
