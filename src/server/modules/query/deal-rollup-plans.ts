import { inArray, type SQL, sql } from 'drizzle-orm';
import { openStages } from '../../../shared/contracts/opportunities.js';
import type { QueryFilter, QueryGrouping, RecordsPlan } from '../../../shared/contracts/query.js';
import type { dealOwnerRollups, dealRollups } from '../../db/schema/index.js';
import { territories } from '../../db/schema/index.js';

/*
 * Aggregate navigation: a question about deals whose every condition is a key of the deal rollups (stage
 * or status, owner, the account's territory, close dates in whole months) is counted and summed from
 * the rollups instead of the deals: a few hundred rows instead of 200,000 ("pipeline by owner" took
 * ~100 ms over the deals). The figures are the same by construction: the rollups hold exactly the live
 * deals (modules/reports/deal-rollups.repository.ts, kept by triggers), visibility is the same predicate
 * split in two, and money is summed per currency in both. Anything else (a name, an amount bound, a date
 * inside a month, a measure of another field) is answered from the deals as before.
 */

type RollupTable = typeof dealRollups | typeof dealOwnerRollups;

/** How a plan reads the rollups: conditions on a rollup's own columns, owner narrowing, the group key. */
export type DealRollupPlan = {
  where: (table: RollupTable) => SQL;
  ownerIds: string[];
  /** How the `deals` rows of visibleDealRollups are grouped (owner_id needs the owner rollup). */
  grouping?: RollupGrouping;
  byOwner: boolean;
  /** No condition or grouping reads a month: the owner rollup may be read with its months summed out. */
  monthless: boolean;
  /** The plan asks for open deals and no stage: the condition is left to the rollups (RollupScope.openOnly). */
  openOnly: boolean;
  /** The measure asked besides count, amount and weighted amount: none, or the sum or average of amount. */
  measure: 'none' | 'sumAmount' | 'avgAmount';
};

/** The stages a deal status stands for (the deals' own filter reads the same map). */
export const DEAL_STATUS_STAGES: Record<string, readonly string[]> = {
  open: openStages,
  won: ['closed_won'],
  lost: ['closed_lost'],
  closed: ['closed_won', 'closed_lost'],
};

/**
 * A grouping: the expression grouped on, and the group's key as the deals' own query writes it (text),
 * computed from `group_key` once per group: grouping by a uuid is twice as fast as by its text.
 */
export type RollupGrouping = { key: SQL; label: SQL };

const labelledAsText = (key: SQL): RollupGrouping => ({ key, label: sql`group_key::text` });
const rollupGroupings: Partial<Record<QueryGrouping, RollupGrouping>> = {
  stage: labelledAsText(sql`deals.stage`),
  status: labelledAsText(
    sql`(case deals.stage when 'closed_won' then 'won' when 'closed_lost' then 'lost' else 'open' end)`,
  ),
  owner: labelledAsText(sql`deals.owner_id`),
  territory: labelledAsText(sql`deals.territory_id`),
  month: { key: sql`deals.close_month`, label: sql`to_char(group_key::timestamp, 'YYYY-MM')` },
};

/**
 * The rollup form of a deal plan whose person values are resolved ids, or null when it has none. The
 * rollups' closed month is a UTC month, so a period of when deals closed fits them only for a question
 * asked in UTC (a month in another time zone starts hours off the rollup's).
 */
export function dealRollupPlan(plan: RecordsPlan, timeZone: string): DealRollupPlan | null {
  if (plan.entity !== 'opportunities') return null;
  const measure = measureOf(plan);
  if (!measure) return null;
  const groupBy = plan.aggregation?.groupBy;
  const grouping = groupBy ? rollupGroupings[groupBy] : undefined;
  if (groupBy && !grouping) return null;

  const conditions: ((table: RollupTable) => SQL)[] = [];
  const ownerIds: string[] = [];
  let readsMonths = groupBy === 'month';
  // "Open deals" as the only stage condition, with no stage grouping: the rollups may sum stages out.
  const stageFilters = plan.filters.filter((filter) => filter.field === 'stage' || filter.field === 'status');
  const openOnly =
    groupBy !== 'stage' && groupBy !== 'status' && stageFilters.length === 1 && isOpenDeals(stageFilters[0]);
  for (const filter of plan.filters) {
    if (openOnly && filter === stageFilters[0]) continue;
    const condition = conditionOf(filter, ownerIds);
    if (condition === null) return null;
    if (condition) conditions.push(condition);
    if (filter.field === 'closeDate') readsMonths = true;
  }
  const range = plan.timeRange;
  // A rolling window ends at this moment, inside a month.
  if (range?.lastDays) return null;
  if (range && (range.from || range.to)) {
    const field = range.field ?? 'closeDate';
    const month =
      field === 'closeDate' ? 'closeMonth' : field === 'closedAt' && timeZone === 'UTC' ? 'closedMonth' : null;
    const months = month ? wholeMonths(range.from, range.to, month) : null;
    if (!months) return null;
    conditions.push(months);
    readsMonths = true;
  }
  return {
    where: (table) => sql.join([sql`true`, ...conditions.map((condition) => condition(table))], sql` and `),
    ownerIds,
    grouping,
    byOwner: groupBy === 'owner',
    monthless: !readsMonths,
    openOnly,
    measure,
  };
}

/** The filter asks for the open deals exactly: status open, or every open stage. */
function isOpenDeals(filter: QueryFilter | undefined): boolean {
  if (!filter || (filter.op !== 'eq' && filter.op !== 'in')) return false;
  const values = new Set(listOf(filter.value));
  if (filter.field === 'status') return values.size === 1 && values.has('open');
  return (
    filter.field === 'stage' && values.size === openStages.length && openStages.every((stage) => values.has(stage))
  );
}

function measureOf(plan: RecordsPlan): DealRollupPlan['measure'] | null {
  const aggregation = plan.aggregation;
  if (aggregation?.fn === 'rate') return null;
  if (!aggregation || aggregation.fn === 'count' || !aggregation.field) return 'none';
  // A median needs every amount, which sums per rollup row do not keep.
  if (aggregation.field !== 'amount' || aggregation.fn === 'median') return null;
  return aggregation.fn === 'sum' ? 'sumAmount' : 'avgAmount';
}

/**
 * A filter as a condition on a rollup's columns; undefined when it only narrows owners (collected in
 * `ownerIds`); null when the rollups cannot answer it.
 */
function conditionOf(filter: QueryFilter, ownerIds: string[]): ((table: RollupTable) => SQL) | undefined | null {
  const values = listOf(filter.value);
  const positive = filter.op === 'eq' || filter.op === 'in';
  switch (filter.field) {
    case 'stage':
    case 'status': {
      if (!positive && filter.op !== 'neq') return null;
      const stages =
        filter.field === 'stage' ? values.map(String) : values.flatMap((status) => DEAL_STATUS_STAGES[status] ?? []);
      return (table) => {
        const among = stages.length === 0 ? sql`false` : inArray(table.stage, stages);
        return filter.op === 'neq' ? sql`not (${among})` : among;
      };
    }
    case 'owner':
      if (!positive || values.length === 0) return null;
      ownerIds.push(...values.map(String));
      return undefined;
    case 'territory': {
      if (!positive || values.length === 0) return null;
      const names = values.map((name) => name.toLowerCase());
      return (table) =>
        sql`${table.territoryId} in (select ${territories.id} from ${territories} where lower(${territories.name}) in (${sql.join(
          names.map((name) => sql`${name}`),
          sql`, `,
        )}))`;
    }
    case 'closeDate': {
      const [first, second] = values;
      switch (filter.op) {
        case 'gte':
          return wholeMonths(first, undefined);
        case 'lte':
          return wholeMonths(undefined, first);
        case 'between':
          return wholeMonths(first, second);
        default:
          return null;
      }
    }
    default:
      return null;
  }
}

/**
 * Close dates (or UTC days deals closed) from `from` to `to` (inclusive, YYYY-MM-DD), when they cover whole
 * months: `from` the first of a month, `to` the last day of one. A bound inside a month splits a rollup
 * row: null. Open deals have no closed month, as they have no closed_at, so a closed period leaves them out.
 */
function wholeMonths(
  from: string | undefined,
  to: string | undefined,
  month: 'closeMonth' | 'closedMonth' = 'closeMonth',
): ((table: RollupTable) => SQL) | null {
  if (from !== undefined && !isFirstOfMonth(from)) return null;
  if (to !== undefined && !isLastOfMonth(to)) return null;
  return (table) =>
    sql.join(
      [
        from === undefined ? sql`true` : sql`${table[month]} >= ${from}::date`,
        to === undefined ? sql`true` : sql`${table[month]} <= ${`${to.slice(0, 7)}-01`}::date`,
      ],
      sql` and `,
    );
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function isFirstOfMonth(date: string): boolean {
  return isoDate.test(date) && date.endsWith('-01');
}

function isLastOfMonth(date: string): boolean {
  if (!isoDate.test(date)) return false;
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
}

const listOf = (value: QueryFilter['value']): string[] =>
  Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];
