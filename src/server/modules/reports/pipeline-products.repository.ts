import { and, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { type OpportunityStage, openStages } from '../../../shared/contracts/opportunities.js';
import { type Db, queryRows } from '../../db/client.js';
import { opportunities, opportunityLineItems, products } from '../../db/schema/index.js';
import { accountInTerritories } from '../../platform/record-links.js';
import type { Viewer } from '../../platform/viewer.js';
import { visibleDeals } from '../../platform/visibility.js';
import { type DealScope, type MeasuredGroup, type MeasuredGroupRow, toMeasuredGroup } from './reports.repository.js';

export type ProductGrouping = 'product' | 'productFamily';

/**
 * The pipeline by what it sells: each deal's lines in the group of their product (or product line), and
 * the deals without products in one group of their own (key null) at their amount. A deal's amount is the
 * sum of its lines, so the groups add up to the pipeline; a deal selling two product lines counts in
 * both groups and once in the total. Read from the deals and their lines (the rollups know no products),
 * with the deal visibility predicate.
 */
export async function aggregatePipelineByProduct(
  db: Db,
  viewer: Viewer,
  groupBy: ProductGrouping,
  scope: DealScope,
  stages?: readonly OpportunityStage[],
): Promise<MeasuredGroup[]> {
  const deals: SQL = and(
    isNull(opportunities.deletedAt),
    inArray(opportunities.stage, [...(stages ?? openStages)]),
    sql`${opportunities.currency} = ${scope.currency}`,
    scope.ownerIds?.length ? inArray(opportunities.ownerId, scope.ownerIds) : undefined,
    // As the deal list reads it, so a group's link opens exactly its deals.
    accountInTerritories(viewer, opportunities.accountId, scope.territoryIds),
    visibleDeals(viewer),
  ) as SQL;
  // A product without a line of its own is grouped under the empty key, apart from deals with no products.
  const key = groupBy === 'product' ? sql`${products.id}::text` : sql`coalesce(${products.family}, '')`;
  const label = groupBy === 'product' ? sql`${products.name}` : sql`coalesce(${products.family}, '')`;
  const liveLines = sql`${opportunityLineItems.opportunityId} = ${opportunities.id} and ${opportunityLineItems.deletedAt} is null`;
  const rows = await queryRows<MeasuredGroupRow>(
    db,
    sql`
      select parts.key, parts.label, count(distinct parts.deal_id)::int as count,
        round(coalesce(sum(parts.amount), 0), 2)::float8 as amount,
        round(coalesce(sum(parts.amount * parts.probability), 0) / 100, 2)::float8 as weighted_amount,
        grouping(parts.key, parts.label) <> 0 as is_total
      from (
        select ${opportunities.id} as deal_id, ${key} as key, ${label} as label,
          ${opportunityLineItems.total} as amount, ${opportunities.probability} as probability
        from ${opportunities}
          join ${opportunityLineItems} on ${liveLines}
          join ${products} on ${products.id} = ${opportunityLineItems.productId}
        where ${deals}
        union all
        select ${opportunities.id}, null, null, ${opportunities.amount}, ${opportunities.probability}
        from ${opportunities}
        where ${deals} and not exists (select 1 from ${opportunityLineItems} where ${liveLines})
      ) as parts
      group by grouping sets ((parts.key, parts.label), ())`,
  );
  return rows.map(toMeasuredGroup);
}
