import type { QueryFilter, RecordsPlan } from '../../../shared/contracts/query.js';

/*
 * Aggregate navigation for leads, as deal-rollup-plans.ts does for deals: a count of leads whose every
 * condition is on status, stage or source, grouped by one of them or not at all, is summed from the lead
 * rollups. The dashboard already reads what a viewer may see of them as at most 60 rows (status × stage ×
 * source, dashboard-rollups.repository.ts), so the plan's conditions and grouping are applied to those
 * rows here, instead of counting 200,000 leads ("count leads by source" took ~40 ms). The figures are the
 * same by construction: the rollups hold exactly the live leads, under the same visibility split in two.
 * Anything else (a period, a score, an owner, a territory, a list of the leads) reads the leads.
 */

const ROLLUP_KEYS = ['status', 'stage', 'source'] as const;
type RollupKey = (typeof ROLLUP_KEYS)[number];

/** What a viewer may see of the lead rollups: live leads per status, stage and source. */
export type LeadRollupRow = Record<RollupKey, string> & { count: number };

export type LeadRollupPlan = {
  /** The rollup rows the plan's conditions keep. */
  matches: (row: LeadRollupRow) => boolean;
  groupBy: RollupKey | undefined;
};

const isRollupKey = (field: string): field is RollupKey => (ROLLUP_KEYS as readonly string[]).includes(field);

/** The rollup form of a lead count plan, or null when the rollups cannot answer it. */
export function leadRollupPlan(plan: RecordsPlan): LeadRollupPlan | null {
  if (plan.entity !== 'leads' || plan.timeRange || plan.compareTo) return null;
  if (plan.aggregation && plan.aggregation.fn !== 'count') return null;
  const groupBy = plan.aggregation?.groupBy;
  if (groupBy !== undefined && !isRollupKey(groupBy)) return null;
  const conditions: ((row: LeadRollupRow) => boolean)[] = [];
  for (const filter of plan.filters) {
    const condition = conditionOf(filter);
    if (!condition) return null;
    conditions.push(condition);
  }
  return { matches: (row) => conditions.every((condition) => condition(row)), groupBy };
}

function conditionOf(filter: QueryFilter): ((row: LeadRollupRow) => boolean) | null {
  const field = filter.field;
  if (!isRollupKey(field)) return null;
  if (filter.op !== 'eq' && filter.op !== 'in' && filter.op !== 'neq') return null;
  const values = (Array.isArray(filter.value) ? filter.value : [filter.value]).map(String);
  return filter.op === 'neq' ? (row) => !values.includes(row[field]) : (row) => values.includes(row[field]);
}

/** The groups of a counted plan, largest first as over the leads (ties by key), and their total. */
export function countLeadRollups(
  rows: LeadRollupRow[],
  rollup: LeadRollupPlan,
): { groups: { key: string; count: number }[]; total: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const row of rows) {
    if (!rollup.matches(row)) continue;
    total += row.count;
    if (rollup.groupBy) counts.set(row[rollup.groupBy], (counts.get(row[rollup.groupBy]) ?? 0) + row.count);
  }
  const groups = [...counts.entries()]
    .filter(([, count]) => count > 0)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { groups, total };
}
