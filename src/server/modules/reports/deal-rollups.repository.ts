import { and, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import { dealOwnerRollups, dealRollups } from '../../db/schema/index.js';
import { isAdmin, type Viewer } from '../../platform/viewer.js';
import { teamOf } from '../../platform/visibility.js';

/*
 * Reads of the deal rollups (schema/deal-rollups.ts; kept by the triggers of drizzle/0010_deal_rollups.sql).
 * The pipeline, forecast, forecast snapshot and dashboard read these instead of the deals. Win-loss stays
 * on the deals table: its window is any instant, and it needs the sales cycle and the loss reasons.
 */

type RollupTable = typeof dealRollups | typeof dealOwnerRollups;

/** `column in (values)`, or no condition for an empty or missing list. */
const among = (column: RollupTable['territoryId'] | typeof dealOwnerRollups.ownerId, values: string[] | undefined) =>
  values && values.length > 0 ? inArray(column, values) : undefined;

/** Narrowing the rollups serve; an empty list narrows nothing, no currency means every currency. */
export type RollupScope = {
  ownerIds?: string[];
  territoryIds?: string[];
  currency?: string;
  /** The answer is grouped by the deal's owner, which only the owner rollup knows. */
  byOwner?: boolean;
};

/** The subquery `deals`: one row per rollup row, with owner_id null when the rows are not split by owner. */
function rollupRows(table: RollupTable, conditions: (SQL | undefined)[]): SQL {
  const ownerId = table === dealOwnerRollups ? sql`${dealOwnerRollups.ownerId}` : sql`null::uuid`;
  return sql`select ${ownerId} as owner_id, ${table.territoryId} as territory_id, ${table.stage} as stage,
      ${table.closeMonth} as close_month, ${table.closedMonth} as closed_month, ${table.currency} as currency,
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
  const common = (table: RollupTable) => [
    where(table),
    scope.currency === undefined ? undefined : sql`${table.currency} = ${scope.currency}`,
    among(table.territoryId, scope.territoryIds),
  ];
  const team = teamOf(viewer);
  const territories = viewer.territoryIds;
  const inTerritory = (table: RollupTable) =>
    territories.length > 0 ? sql`(${table.accountLive} and ${inArray(table.territoryId, territories)})` : undefined;
  const owned = or(
    inArray(dealOwnerRollups.ownerId, team),
    and(sql`${dealOwnerRollups.accountLive}`, inArray(dealOwnerRollups.accountOwnerId, team)),
  );

  let branches: SQL[];
  if (scope.byOwner || (scope.ownerIds?.length ?? 0) > 0) {
    const visible = isAdmin(viewer) ? undefined : (or(inTerritory(dealOwnerRollups), owned) ?? sql`false`);
    branches = [
      rollupRows(dealOwnerRollups, [
        ...common(dealOwnerRollups),
        among(dealOwnerRollups.ownerId, scope.ownerIds),
        visible,
      ]),
    ];
  } else if (isAdmin(viewer)) {
    branches = [rollupRows(dealRollups, common(dealRollups))];
  } else {
    const f = dealOwnerRollups;
    const outsideTerritories =
      territories.length > 0
        ? sql`(not ${f.accountLive} or ${f.territoryId} is null or not ${inArray(f.territoryId, territories)})`
        : undefined;
    branches = [rollupRows(dealOwnerRollups, [...common(f), owned, outsideTerritories])];
    if (territories.length > 0)
      branches.unshift(rollupRows(dealRollups, [...common(dealRollups), inTerritory(dealRollups)]));
  }
  return sql`(${sql.join(branches, sql` union all `)}) as deals`;
}

/**
 * Recomputes both rollups from the deals (see rebuild_deal_rollups in the migration): after a load that
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
