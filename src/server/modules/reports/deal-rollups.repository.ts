import { and, inArray, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { openStages } from '../../../shared/contracts/opportunities.js';
import { type Db, queryRows } from '../../db/client.js';
import { dealOwnerOpenRollups, dealOwnerRollups, dealOwnerStageRollups, dealRollups } from '../../db/schema/index.js';
import { isAdmin, type Viewer } from '../../platform/viewer.js';
import { teamOf } from '../../platform/visibility.js';

/*
 * Reads of the deal rollups (schema/deal-rollups.ts; kept by the triggers of drizzle/0010_deal_rollups.sql).
 * The pipeline, forecast, forecast snapshot and dashboard read these instead of the deals. Win-loss stays
 * on the deals table: its window is any instant, and it needs the sales cycle and the loss reasons.
 */

type RollupTable = typeof dealRollups | typeof dealOwnerRollups;
/** The owner rollups: with months, with the months summed out, and the open deals with stages summed out too. */
type OwnerRollupTable = typeof dealOwnerRollups | typeof dealOwnerStageRollups | typeof dealOwnerOpenRollups;

/** `column in (values)`, or no condition for an empty or missing list. */
const among = (column: SQLWrapper, values: string[] | undefined) =>
  values && values.length > 0 ? inArray(column, values) : undefined;

/** Narrowing the rollups serve; an empty list narrows nothing, no currency means every currency. */
export type RollupScope = {
  ownerIds?: string[];
  territoryIds?: string[];
  currency?: string;
  /** The answer is grouped by the deal's owner, which only the owner rollup knows. */
  byOwner?: boolean;
  /**
   * The conditions and the grouping read no close or closed month, so the owner rollup may be read with
   * its months summed out (deal_owner_stage_rollups, a third of the rows). The rows then have null months.
   */
  monthless?: boolean;
  /**
   * Only open deals, and neither `where` nor the grouping names a stage: the condition is added here, so
   * that with `monthless` the owner rollup's open deals are read with their stages summed out too
   * (deal_owner_open_rollups, one row per owner and account attributes; its rows have no stage).
   */
  openOnly?: boolean;
};

/**
 * The sum of a money column of `deals` in major units, added up in integer cents (`scale` cents per
 * unit of the column: 100 for amounts, 10,000 for weighted amounts, which are amount × percentage). Every
 * row holds whole cents, and PostgreSQL adds bigints in 128-bit integers, several times faster than
 * numerics: that matters when thousands of groups keep sums of their own (10,000 owners).
 */
export function sumInCents(column: 'amount' | 'weighted_amount', filter?: SQL): SQL {
  const scale = column === 'weighted_amount' ? 10_000 : 100;
  const only = filter ? sql` filter (where ${filter})` : sql``;
  return sql`(sum((deals.${sql.raw(column)} * 100)::bigint)${only} / ${sql.raw(String(scale))}.0)`;
}

/**
 * The subquery `deals`: one row per rollup row, with owner_id null when the rows are not split by owner.
 * `territory` is what the rows tell of their account's territory (by default the column itself).
 */
function rollupRows(
  table: RollupTable | OwnerRollupTable,
  conditions: (SQL | undefined)[],
  territory: SQL = sql`${table.territoryId}`,
): SQL {
  const ownerId = 'ownerId' in table ? sql`${table.ownerId}` : sql`null::uuid`;
  const stage = 'stage' in table ? sql`${table.stage}` : sql`null::text`;
  const months =
    'closeMonth' in table
      ? sql`${table.closeMonth} as close_month, ${table.closedMonth} as closed_month`
      : sql`null::date as close_month, null::date as closed_month`;
  return sql`select ${ownerId} as owner_id, ${territory} as territory_id, ${stage} as stage,
      ${months}, ${table.currency} as currency,
      ${table.dealCount} as deal_count, ${table.amount} as amount, ${table.weightedAmount} as weighted_amount,
      ${table.commitAmount} as commit_amount
    from ${table} where ${and(...conditions) ?? sql`true`}`;
}

/**
 * The rollup rows that hold exactly the live deals the viewer may see within the scope, as a derived
 * table named `deals` (columns: owner_id, territory_id, stage, close_month, closed_month, currency,
 * deal_count, amount, weighted_amount, commit_amount). `where` adds conditions on the rollup's own columns.
 *
 * This is `visibleRecords(viewer, {people: [owner], account})` (platform/visibility.ts) split in two
 * disjoint parts, with P the viewer's team and T their territories:
 *   in territory = the account is live and its territory is in T;
 *   owned        = not "in territory", and the deal's owner is in P or the account is live and its owner is in P.
 * Admins see everything, so they read the small territory rollup whole; everyone else reads the rollup
 * rows of their territories plus their team's rows of the owner rollup. Owner narrowing and grouping
 * need the owner rollup alone, with the whole predicate.
 */
export function visibleDealRollups(viewer: Viewer, scope: RollupScope, where: (table: RollupTable) => SQL): SQL {
  const team = teamOf(viewer);
  const territories = viewer.territoryIds;
  const inTerritory = (table: RollupTable) =>
    territories.length > 0 ? sql`(${table.accountLive} and ${inArray(table.territoryId, territories)})` : undefined;
  /**
   * A deal the viewer sees through its owner may hang off an account they may not see (not in their
   * territories, owned outside their team): its territory is the account's and must not be told, nor be
   * filtered or grouped on. Admins see every account.
   */
  const territoryOf = (table: RollupTable) => {
    if (isAdmin(viewer) || !('accountOwnerId' in table)) return sql`${table.territoryId}`;
    const accountVisible = or(inTerritory(table), and(sql`${table.accountLive}`, inArray(table.accountOwnerId, team)));
    return sql`(case when ${accountVisible} then ${table.territoryId} end)`;
  };
  const common = (table: RollupTable) => [
    where(table),
    // The open rollup holds open deals only, and has no stage to ask.
    scope.openOnly && 'stage' in table ? inArray(table.stage, [...openStages]) : undefined,
    scope.currency === undefined ? undefined : sql`${table.currency} = ${scope.currency}`,
    among(territoryOf(table), scope.territoryIds),
  ];
  // A monthless read passes the stage table (or the open table) where the owner rollup is expected: its
  // `where` reads no month (nor stage), the caller's promise, and every other column has the same name
  // and meaning.
  const owners = (
    scope.monthless ? (scope.openOnly ? dealOwnerOpenRollups : dealOwnerStageRollups) : dealOwnerRollups
  ) as typeof dealOwnerRollups;
  const owned = or(
    inArray(owners.ownerId, team),
    and(sql`${owners.accountLive}`, inArray(owners.accountOwnerId, team)),
  );

  let branches: SQL[];
  if (scope.byOwner || (scope.ownerIds?.length ?? 0) > 0) {
    const visible = isAdmin(viewer) ? undefined : (or(inTerritory(owners), owned) ?? sql`false`);
    branches = [
      rollupRows(owners, [...common(owners), among(owners.ownerId, scope.ownerIds), visible], territoryOf(owners)),
    ];
  } else if (isAdmin(viewer)) {
    branches = [rollupRows(dealRollups, common(dealRollups))];
  } else {
    const outsideTerritories =
      territories.length > 0
        ? sql`(not ${owners.accountLive} or ${owners.territoryId} is null or not ${inArray(owners.territoryId, territories)})`
        : undefined;
    branches = [rollupRows(owners, [...common(owners), owned, outsideTerritories], territoryOf(owners))];
    if (territories.length > 0)
      branches.unshift(rollupRows(dealRollups, [...common(dealRollups), inTerritory(dealRollups)]));
  }
  return sql`(${sql.join(branches, sql` union all `)}) as deals`;
}

/**
 * Recomputes the deal rollups from the deals (see rebuild_deal_rollups in the migration): after a load that
 * disabled the triggers, or to check them. Waits for writers of deals that are in flight.
 */
export async function rebuildDealRollups(db: Db): Promise<void> {
  await db.execute(sql`select rebuild_deal_rollups()`);
}

/** How many rows each rollup holds (maintenance output; no deal is shown). */
export async function countDealRollupRows(db: Db): Promise<{ byTerritory: number; byOwner: number }> {
  const [row] = await queryRows<{ byTerritory: number; byOwner: number }>(
    db,
    sql`select (select count(*) from ${dealRollups})::int as "byTerritory",
        (select count(*) from ${dealOwnerRollups})::int as "byOwner"`,
  );
  return row ?? { byTerritory: 0, byOwner: 0 };
}
