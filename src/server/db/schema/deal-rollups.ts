import { bigint, boolean, date, index, integer, numeric, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { recordRollupTables } from './record-rollups.js';

/*
 * Pre-aggregated measures of live deals, so the pipeline, forecast and dashboard read a few hundred rows
 * instead of every deal. They are derived data: triggers written in drizzle/0010_deal_rollups.sql keep them
 * exact in the transaction of every change of a deal or of its account, and `rebuild_deal_rollups()`
 * recomputes them from scratch (after a bulk load that disabled the triggers, or a restore). They hold no
 * foreign keys (a rollup row outlives nothing; it is deleted when its last deal leaves it) and are left
 * out of backups (see `derivedTables`).
 *
 * A deal's account attributes are read the way the reports read them: the territory is the account's
 * whether the account is live or not (territory narrowing and grouping join the account without looking
 * at deleted_at), while visibility only trusts a live account (`account_live`).
 */

/** Money sums: unconstrained numeric, since 200k deals of numeric(18,2) can add up beyond 18 digits. */
const sumOfMoney = (name: string) => numeric(name, { mode: 'number' }).notNull();

/** The deal's owner and its account's owner: the owner rollups' part of the key. */
const ownerKey = () => ({
  /** The deal's owner. */
  ownerId: uuid('owner_id'),
  /** The deal's account's owner. */
  accountOwnerId: uuid('account_owner_id'),
});

/** What visibility reads of the deal's account, in every rollup's key. */
const accountKey = () => ({
  /** The deal's account's territory, null when the account has none. */
  territoryId: uuid('territory_id'),
  /** The deal's account is not soft-deleted: only then does it make the deal visible to its viewers. */
  accountLive: boolean('account_live').notNull(),
});

const rollupKey = () => ({
  ...accountKey(),
  stage: text('stage').notNull(),
  /** First day of the close date's month. */
  closeMonth: date('close_month', { mode: 'string' }).notNull(),
  /** First day of the UTC month of closed_at for won and lost deals; null for open ones. */
  closedMonth: date('closed_month', { mode: 'string' }),
  currency: text('currency').notNull(),
});

const rollupMeasures = () => ({
  /** Live deals with this key. */
  dealCount: integer('deal_count').notNull(),
  amount: sumOfMoney('amount'),
  /** Sum of amount × probability, not yet divided by 100: no cent is lost to rounding per deal. */
  weightedAmount: sumOfMoney('weighted_amount'),
  /** Sum of amount of the deals with probability ≥ 75: the forecast's commit. */
  commitAmount: sumOfMoney('commit_amount'),
});

/**
 * Deals by territory, stage, close month, closed month and currency: serves admins whole, and the
 * "account in one of my territories" part of everyone else's visibility.
 */
export const dealRollups = pgTable(
  'deal_rollups',
  {
    /** A handle for deleting emptied rows by index (the natural key has nulls, which `=` cannot match). */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ...rollupKey(),
    ...rollupMeasures(),
  },
  (table) => [
    unique('deal_rollups_key')
      .on(table.territoryId, table.accountLive, table.stage, table.closeMonth, table.closedMonth, table.currency)
      .nullsNotDistinct(),
  ],
);

/**
 * The same, split further by the deal's owner and its account's owner: serves the "owned by my team"
 * part of visibility, owner narrowing and grouping by owner. Each viewer reads only their team's rows.
 */
export const dealOwnerRollups = pgTable(
  'deal_owner_rollups',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ...ownerKey(),
    ...rollupKey(),
    ...rollupMeasures(),
  },
  (table) => [
    unique('deal_owner_rollups_key')
      .on(
        table.ownerId,
        table.accountOwnerId,
        table.territoryId,
        table.accountLive,
        table.stage,
        table.closeMonth,
        table.closedMonth,
        table.currency,
      )
      .nullsNotDistinct(),
    index('deal_owner_rollups_account_owner_idx').on(table.accountOwnerId),
  ],
);

/**
 * The owner rollup with the months summed out: owner questions that name no period ("the pipeline by
 * owner", "Ana's open deals") read it. With 10,000 owners the owner rollup holds about one row per open
 * deal, spread over close months; this one holds a row per owner, stage and account attributes, three
 * times fewer, and an admin's pipeline by owner aggregates a third of the rows.
 */
export const dealOwnerStageRollups = pgTable(
  'deal_owner_stage_rollups',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ...ownerKey(),
    ...accountKey(),
    stage: text('stage').notNull(),
    currency: text('currency').notNull(),
    ...rollupMeasures(),
  },
  (table) => [
    unique('deal_owner_stage_rollups_key')
      .on(table.ownerId, table.accountOwnerId, table.territoryId, table.accountLive, table.stage, table.currency)
      .nullsNotDistinct(),
    index('deal_owner_stage_rollups_account_owner_idx').on(table.accountOwnerId),
  ],
);

/**
 * The open deals of the owner rollup with their stages summed out as well: "the pipeline by owner" reads
 * one row per owner and account attributes (about 10,000 with 10,000 owners), not one per open stage.
 */
export const dealOwnerOpenRollups = pgTable(
  'deal_owner_open_rollups',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ...ownerKey(),
    ...accountKey(),
    currency: text('currency').notNull(),
    ...rollupMeasures(),
  },
  (table) => [
    unique('deal_owner_open_rollups_key')
      .on(table.ownerId, table.accountOwnerId, table.territoryId, table.accountLive, table.currency)
      .nullsNotDistinct(),
    index('deal_owner_open_rollups_account_owner_idx').on(table.accountOwnerId),
  ],
);

/** Tables computed from others: never backed up, rebuilt after a restore. */
export const derivedTables = [
  dealRollups,
  dealOwnerRollups,
  dealOwnerStageRollups,
  dealOwnerOpenRollups,
  ...recordRollupTables,
];
