import { type AnyColumn, and, getTableName, type SQL, sql } from 'drizzle-orm';
import {
  AT_RISK_IDLE_DAYS,
  defaultTimeField,
  multiValuedGroupings,
  type QueryEntity,
  type QueryField,
  type QueryFilter,
  type QueryGrouping,
  queryFields,
  type RecordsPlan,
} from '../../../shared/contracts/query.js';
import { type Db, queryRows } from '../../db/client.js';
import {
  accounts,
  activities,
  activityMoment,
  opportunities,
  tasks,
  territories,
  users,
} from '../../db/schema/index.js';
import { isAdmin, type Viewer } from '../../platform/viewer.js';
import { visibleAccounts } from '../../platform/visibility.js';
import { countLeadsFromRollups } from '../dashboard/dashboard-rollups.repository.js';
import { sumInCents, visibleDealRollups } from '../reports/deal-rollups.repository.js';
import { escapeLike } from '../users/users.repository.js';
import { DEAL_STATUS_STAGES, type DealRollupPlan, dealRollupPlan, type RollupGrouping } from './deal-rollup-plans.js';
import { countLeadRollups, type LeadRollupPlan, leadRollupPlan } from './lead-rollup-plans.js';
import { accountAttributeOf, entityTables, groupKey, territoryColumn } from './query-columns.js';
import { startOfDayIn } from './rule-engine/calendar.js';
import { todayIn } from './rule-engine/time-frames.js';

/*
 * All SQL of the query engine. A plan arrives validated and with its people and accounts resolved to
 * ids; every statement is scoped by the asker's visibility predicate, so a figure never counts a record
 * its reader may not see.
 */

/** How a plan is executed: the asker's zone for dates, the currency money is summed in, the clock. */
export type ExecutionContext = { timeZone: string; currency: string; now: Date };

export type Person = { id: string; name: string };

/**
 * The user directory (id and name of active users). Unscoped on purpose: every signed-in user may see
 * the directory (owner pickers need it), and names in questions are matched against it.
 */
export async function loadPeopleDirectory(db: Db): Promise<Person[]> {
  return queryRows<Person>(
    db,
    sql`select ${users.id} as id, ${users.name} as name from ${users}
        where ${users.deletedAt} is null and ${users.active} order by ${users.name}`,
  );
}

/**
 * The names of the live territories, for reading "the pipeline in Great Lakes". Unscoped on purpose: the
 * territory directory is visible to every signed-in user (territory pickers need it); what is counted in
 * a territory is still scoped by the asker's visibility.
 */
export async function loadTerritoryNames(db: Db): Promise<{ territories: string[]; regions: string[] }> {
  const rows = await queryRows<{ name: string; region: string | null }>(
    db,
    sql`select ${territories.name} as name, ${territories.region} as region from ${territories}
        where ${territories.deletedAt} is null order by ${territories.name}`,
  );
  const regions = rows.flatMap((row) => (row.region ? [row.region] : []));
  return { territories: rows.map((row) => row.name), regions: [...new Set(regions)] };
}

/** How many recent deals the product vocabulary is read from: enough to know the catalogue, one index scan. */
const PRODUCT_SAMPLE = 5000;

/**
 * The products buyers are interested in, as the deals name them, so "snow blower deals" reads as a
 * product and not as an account. Unscoped on purpose: product names are the catalogue, not a record;
 * the deals counted for them are still scoped by the asker's visibility. Read from the newest deals
 * (ids are time-ordered) so a large database costs one short index scan.
 */
export async function loadProductNames(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    // The limit bounds the deals read, not the products: when few deals name products, a limit on the
    // unnested products would read every deal looking for them (a second at 200k deals).
    sql`select distinct trim(product) as name from (
          select ${opportunities.productInterest} as products from ${opportunities}
          where ${opportunities.deletedAt} is null order by ${opportunities.id} desc limit ${sql.raw(String(PRODUCT_SAMPLE))}
        ) recent, unnest(recent.products) as product where length(trim(product)) between 3 and 60 order by 1`,
  );
  return rows.map((row) => row.name);
}

export type AccountCandidate = { id: string; name: string; similarity: number };

/** Visible accounts whose name matches `name`: exact first, then by trigram similarity. */
export async function findAccountCandidates(db: Db, viewer: Viewer, name: string): Promise<AccountCandidate[]> {
  const pattern = `%${escapeLike(name)}%`;
  return queryRows<AccountCandidate>(
    db,
    sql`select ${accounts.id} as id, ${accounts.name} as name,
          (case when lower(${accounts.name}) = lower(${name}) then 2
            else greatest(similarity(${accounts.name}, ${name}), word_similarity(${name}, ${accounts.name})) end)::float8 as similarity
        from ${accounts}
        where ${and(
          sql`${accounts.deletedAt} is null`,
          visibleAccounts(viewer),
          // `<%`: the name is like a run of the account's words ("cedar vally" in "Cedar Valley Implement").
          sql`(${accounts.name} % ${name} or ${name} <% ${accounts.name} or ${accounts.name} ilike ${pattern})`,
        )}
        order by similarity desc, ${accounts.name}
        limit 8`,
  );
}

/**
 * Names of the accounts and territories that label groups. Unscoped on purpose: the ids come from groups
 * of records the viewer may see, so each account is one a visible record hangs off (and visible by the
 * visibility rules), and the territory directory is open to every signed-in user.
 */
/**
 * `id → name` of the given accounts or territories. Accounts are named only when the viewer may see them:
 * a deal or task of theirs can hang off another team's account, whose name is not theirs to read.
 */
export async function namesOf(
  db: Db,
  viewer: Viewer,
  kind: 'accounts' | 'territories',
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const table = kind === 'accounts' ? accounts : territories;
  const among = sql`${table.id} in (${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select ${table.id}::text as id, ${table.name} as name from ${table}
        where ${kind === 'accounts' ? and(among, visibleAccounts(viewer)) : among}`,
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** A plan whose person and account values are ids. */
export type ResolvedPlan = RecordsPlan;

const money = (expression: SQL) => sql`round(coalesce(${expression}, 0), 2)::float8`;

export type RecordTotals = {
  count: number;
  amount: number | null;
  weightedAmount: number | null;
  value: number | null;
  /** Deals: matches in other currencies than the answer's, counted but not in the money. */
  otherCurrencies: number | null;
};

/** The matching records (up to the limit) and their totals. */
export async function selectRecords(
  db: Db,
  viewer: Viewer,
  plan: ResolvedPlan,
  context: ExecutionContext,
): Promise<{ rows: Record<string, unknown>[]; totals: RecordTotals }> {
  const spec = entityTables[plan.entity];
  const where = conditionsOf(viewer, plan, context);
  const sort = sortOf(plan);
  const rollup = dealRollupPlanFor(viewer, plan, context.timeZone);
  const leadRollup = leadRollupPlan(plan);
  // Two statements, sent together: on PostgreSQL the pool runs them side by side.
  const [rows, totals] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`select ${spec.row(viewer)} from ${spec.table} where ${where}
          order by ${orderOf(plan.entity, sort)}
          limit ${limitLiteral(plan.limit)}`,
    ),
    rollup
      ? rollupTotals(db, viewer, rollup, context)
      : leadRollup
        ? leadRollupTotals(db, viewer, leadRollup)
        : aggregateTotals(db, plan, where, context),
  ]);
  return { rows: rows.map(plainValues), totals };
}

/**
 * The order of an answer's rows: the plan's; else, when the question names a period of another field
 * than the one the entity is usually ordered by, that field, latest first ("deals won last quarter": the
 * latest wins, not the earliest close dates, which the index on that field also reads directly); else
 * the entity's usual order.
 */
function sortOf(plan: ResolvedPlan): RowOrder {
  if (plan.sort) return plan.sort;
  const spec = entityTables[plan.entity];
  const range = plan.timeRange;
  const periodField = range?.field;
  if (range && periodField && periodField !== spec.defaultSort.field && spec.columns[periodField]) {
    return { field: periodField, direction: 'desc', nonNull: Boolean(range.from || range.to || range.lastDays) };
  }
  return spec.defaultSort;
}

/** Only the rows: a grouped answer gets its totals from the groups' own pass. */
export async function selectRows(
  db: Db,
  viewer: Viewer,
  plan: ResolvedPlan,
  context: ExecutionContext,
): Promise<Record<string, unknown>[]> {
  const spec = entityTables[plan.entity];
  const sort = sortOf(plan);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${spec.row(viewer)} from ${spec.table} where ${conditionsOf(viewer, plan, context)}
        order by ${orderOf(plan.entity, sort)}
        limit ${limitLiteral(plan.limit)}`,
  );
  return rows.map(plainValues);
}

/**
 * The money a record carries, in its own currency: a deal's amount (and its amount × probability, the
 * weighted amount once divided by 100), a quote's total. Summed in the answer currency only.
 */
function moneyOf(entity: QueryEntity): { amount: SQL; currency: SQL; weighted: SQL | null } | undefined {
  if (entity === 'opportunities') {
    return {
      amount: sql`${opportunities.amount}`,
      currency: sql`${opportunities.currency}`,
      weighted: sql`${opportunities.amount} * ${opportunities.probability}`,
    };
  }
  const columns = entityTables[entity].columns;
  if (entity === 'quotes' && columns.amount && columns.currency) {
    return { amount: columns.amount, currency: columns.currency, weighted: null };
  }
  return undefined;
}

/** The money columns of an aggregate over `entity`: the count in other currencies, the amount, the weighted amount. */
function moneyAggregates(entity: QueryEntity, context: ExecutionContext): { others: SQL; amount: SQL; weighted: SQL } {
  const carried = moneyOf(entity);
  if (!carried) return { others: sql`null::int`, amount: sql`null::float8`, weighted: sql`null::float8` };
  const inCurrency = sql`${carried.currency} = ${currencyLiteral(context.currency)}`;
  return {
    others: sql`(count(*) filter (where not ${inCurrency}))::int`,
    amount: money(sql`sum(${carried.amount}) filter (where ${inCurrency})`),
    weighted: carried.weighted
      ? money(sql`sum(${carried.weighted}) filter (where ${inCurrency}) / 100`)
      : sql`null::float8`,
  };
}

/** Count, and for deals and quotes their money in the answer currency, in one pass. */
async function aggregateTotals(
  db: Db,
  plan: ResolvedPlan,
  where: SQL,
  context: ExecutionContext,
): Promise<RecordTotals> {
  const spec = entityTables[plan.entity];
  const moneyColumns = moneyAggregates(plan.entity, context);
  const [row] = await queryRows<{
    count: number;
    amount: number | null;
    weighted: number | null;
    value: number | null;
    others: number | null;
  }>(
    db,
    sql`select count(*)::int as count,
          ${moneyColumns.others} as others,
          ${moneyColumns.amount} as amount,
          ${moneyColumns.weighted} as weighted,
          ${measureOf(plan, context) ?? sql`null`} as value
        from ${spec.table} where ${where}`,
  );
  return {
    count: row?.count ?? 0,
    amount: row?.amount ?? null,
    weightedAmount: row?.weighted ?? null,
    value: row?.value === undefined || row?.value === null ? null : Number(row.value),
    otherCurrencies: row?.others ?? null,
  };
}

/**
 * sum/avg/median of the plan's field (money of deals only in the answer currency: amounts never mix), or
 * the rate: the share of the matches that also meet the rate's own conditions. The median is the
 * continuous one (the mean of the two middle values of an even count), as spreadsheets compute it.
 */
function measureOf(plan: ResolvedPlan, context: ExecutionContext): SQL | undefined {
  const aggregation = plan.aggregation;
  if (aggregation?.fn === 'rate') {
    const share = and(...(aggregation.of ?? []).map((filter) => filterCondition(plan.entity, filter, context)));
    return sql`round(((count(*) filter (where ${share ?? sql`true`}))::float8 / nullif(count(*), 0))::numeric, 4)::float8`;
  }
  if (!aggregation || aggregation.fn === 'count' || !aggregation.field) return undefined;
  const column = columnOf(plan.entity, aggregation.field);
  const carried = moneyOf(plan.entity);
  const isMoney = carried && queryFields[plan.entity][aggregation.field]?.kind === 'money';
  const filter = isMoney ? sql` filter (where ${carried.currency} = ${context.currency})` : sql``;
  const measured =
    aggregation.fn === 'median'
      ? sql`percentile_cont(0.5) within group (order by ${column})${filter}`
      : sql`${aggregation.fn === 'sum' ? sql`sum` : sql`avg`}(${column})${filter}`;
  return sql`round((${measured})::numeric, 2)::float8`;
}

export type GroupRow = {
  key: string | null;
  count: number;
  /** Deals: the group's matches in other currencies, counted but not in its money. */
  otherCurrencies?: number;
  value: number | null;
  amount: number | null;
  weightedAmount: number | null;
};

/**
 * One row per group with the count, the asked measure and, for deals, amount and weighted amount, plus
 * the totals over all groups from the same pass (GROUPING SETS): one scan of the matching records.
 */
export async function aggregateGroups(
  db: Db,
  viewer: Viewer,
  plan: ResolvedPlan,
  grouping: QueryGrouping,
  context: ExecutionContext,
): Promise<{ groups: GroupRow[]; totals: RecordTotals }> {
  const rollup = dealRollupPlanFor(viewer, plan, context.timeZone);
  if (rollup?.grouping) return rollupGroups(db, viewer, rollup, rollup.grouping, context);
  const leadRollup = leadRollupPlan(plan);
  if (leadRollup?.groupBy) return leadRollupGroups(db, viewer, leadRollup);
  const spec = entityTables[plan.entity];
  const key = groupKey(viewer, plan.entity, grouping, context.timeZone);
  if (!key) throw new Error(`no grouping ${grouping} for ${plan.entity}`);
  const moneyColumns = moneyAggregates(plan.entity, context);
  const byMeasure = plan.aggregation?.fn === 'count' || !plan.aggregation ? sql`count(*)` : sql`value`;
  const where = conditionsOf(viewer, plan, context);
  // A record in several groups would count several times in a total over the groups: that total is
  // taken from the records themselves instead.
  const multiValued = multiValuedGroupings.includes(grouping);
  const [rows, ownTotals] = await Promise.all([
    queryRows<GroupQueryRow>(
      db,
      // The key is computed once in a subquery named like the table, so the measures' column references
      // still resolve and GROUPING SETS sees one expression (a time zone bound twice would be two).
      sql`select group_key as key, count(*)::int as count,
          ${moneyColumns.others} as others,
          ${measureOf(plan, context) ?? sql`null::float8`} as value,
          ${moneyColumns.amount} as amount,
          ${moneyColumns.weighted} as weighted,
          grouping(group_key) <> 0 as is_total
        from (select ${key} as group_key, ${spec.table}.* from ${spec.table} where ${where})
          as ${sql.identifier(getTableName(spec.table))}
        group by grouping sets ((group_key)${multiValued ? sql`` : sql`, ()`})
        order by is_total desc, ${byMeasure} desc nulls last, key limit 101`,
    ),
    multiValued ? aggregateTotals(db, plan, where, context) : undefined,
  ]);
  const measured = groupsAndTotals(rows, moneyOf(plan.entity));
  return ownTotals ? { groups: measured.groups, totals: ownTotals } : measured;
}

type GroupQueryRow = {
  key: string | null;
  count: number;
  others: number | null;
  value: number | null;
  amount: number | null;
  weighted: number | null;
  is_total: boolean;
};

function groupsAndTotals(
  rows: GroupQueryRow[],
  carried: { weighted: SQL | null } | undefined,
): { groups: GroupRow[]; totals: RecordTotals } {
  const total = rows.find((row) => row.is_total);
  const number = (value: number | null | undefined) => (value === null || value === undefined ? null : Number(value));
  return {
    groups: rows
      .filter((row) => !row.is_total)
      .map((row) => ({
        key: row.key,
        count: row.count,
        ...(carried && row.others ? { otherCurrencies: Number(row.others) } : {}),
        value: number(row.value),
        amount: number(row.amount),
        weightedAmount: number(row.weighted),
      })),
    totals: {
      count: total?.count ?? 0,
      amount: carried ? (number(total?.amount) ?? 0) : null,
      weightedAmount: carried?.weighted ? (number(total?.weighted) ?? 0) : null,
      value: number(total?.value),
      otherCurrencies: carried ? (number(total?.others) ?? 0) : null,
    },
  };
}

/*
 * The same figures from the deal rollups, for a deal plan that fits them (deal-rollup-plans.ts). Money
 * is summed in the answer currency and counts over every currency, as over the deals; sums of sums are
 * exact (numeric), and rounding happens once at the end, as there.
 */

const rollupCount = sql`coalesce(sum(deals.deal_count), 0)::int`;

function rollupMeasures(rollup: DealRollupPlan, context: ExecutionContext) {
  const inCurrency = sql`deals.currency = ${currencyLiteral(context.currency)}`;
  const amount = sumInCents('amount', inCurrency);
  const value =
    rollup.measure === 'sumAmount'
      ? sql`round((${amount})::numeric, 2)::float8`
      : rollup.measure === 'avgAmount'
        ? sql`round((${amount} / nullif(sum(deals.deal_count) filter (where ${inCurrency}), 0))::numeric, 2)::float8`
        : sql`null::float8`;
  return sql`${value} as value, ${money(amount)} as amount,
    ${money(sumInCents('weighted_amount', inCurrency))} as weighted,
    coalesce(sum(deals.deal_count) filter (where not ${inCurrency}), 0)::int as others`;
}

function rollupsOf(viewer: Viewer, rollup: DealRollupPlan): SQL {
  return visibleDealRollups(
    viewer,
    { ownerIds: rollup.ownerIds, byOwner: rollup.byOwner, monthless: rollup.monthless, openOnly: rollup.openOnly },
    rollup.where,
  );
}

async function rollupTotals(
  db: Db,
  viewer: Viewer,
  rollup: DealRollupPlan,
  context: ExecutionContext,
): Promise<RecordTotals> {
  const [row] = await queryRows<{
    count: number;
    amount: number;
    weighted: number;
    value: number | null;
    others: number;
  }>(db, sql`select ${rollupCount} as count, ${rollupMeasures(rollup, context)} from ${rollupsOf(viewer, rollup)}`);
  return {
    count: row?.count ?? 0,
    amount: row?.amount ?? 0,
    weightedAmount: row?.weighted ?? 0,
    value: row?.value === undefined || row?.value === null ? null : Number(row.value),
    otherCurrencies: row?.others ?? 0,
  };
}

async function rollupGroups(
  db: Db,
  viewer: Viewer,
  rollup: DealRollupPlan,
  { key, label }: RollupGrouping,
  context: ExecutionContext,
): Promise<{ groups: GroupRow[]; totals: RecordTotals }> {
  const byMeasure = rollup.measure === 'none' ? sql`count` : sql`value`;
  const rows = await queryRows<GroupQueryRow>(
    db,
    sql`select ${label} as key, count, others, value, amount, weighted, is_total from (
          select ${key} as group_key, ${rollupCount} as count, ${rollupMeasures(rollup, context)},
            grouping(${key}) <> 0 as is_total
          from ${rollupsOf(viewer, rollup)}
          group by grouping sets ((${key}), ())
        ) as measured
        where is_total or count > 0
        order by is_total desc, ${byMeasure} desc nulls last, key limit 101`,
  );
  return groupsAndTotals(rows, moneyOf('opportunities'));
}

/** Lead counts from the lead rollups (lead-rollup-plans.ts): money and measures do not apply to leads. */
async function leadRollupTotals(db: Db, viewer: Viewer, rollup: LeadRollupPlan): Promise<RecordTotals> {
  return (await leadRollupGroups(db, viewer, rollup)).totals;
}

async function leadRollupGroups(
  db: Db,
  viewer: Viewer,
  rollup: LeadRollupPlan,
): Promise<{ groups: GroupRow[]; totals: RecordTotals }> {
  const { groups, total } = countLeadRollups(await countLeadsFromRollups(db, viewer), rollup);
  return {
    groups: groups.map(({ key, count }) => ({ key, count, value: null, amount: null, weightedAmount: null })),
    totals: { count: total, amount: null, weightedAmount: null, value: null, otherCurrencies: null },
  };
}

/** Dates and timestamps as the API writes them: ISO strings. */
function plainValues(row: Record<string, unknown>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof Date) plain[key] = value.toISOString();
    else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(value))
      plain[key] = new Date(value).toISOString();
    else plain[key] = value;
  }
  return plain;
}

function columnOf(entity: QueryEntity, field: QueryField): SQL {
  const column = entityTables[entity].columns[field];
  if (!column) throw new Error(`field ${field} is not allowed on ${entity}`);
  return column;
}

/** `nonNull`: the rows' values of the field are never null (a period's bounds already excluded nulls). */
type RowOrder = { field: QueryField; direction: 'asc' | 'desc'; nonNull?: boolean };

/**
 * A record answer's order: the sort field, missing values last, then the id in the same direction, so
 * an index on (column, id) serves it: forwards when ascending, backwards when descending on a column
 * that is never null (read backwards, such an index puts nulls first, which only such a column can
 * ignore).
 */
function orderOf(entity: QueryEntity, sort: RowOrder): SQL {
  const column = columnOf(entity, sort.field);
  const id = sql.identifier('id');
  if (sort.direction === 'asc') return sql`${column} asc nulls last, ${id} asc`;
  return sort.nonNull || entityTables[entity].notNullSorts?.includes(sort.field)
    ? sql`${column} desc, ${id} desc`
    : sql`${column} desc nulls last, ${id} desc`;
}

/** Everything a plan asks, as one predicate: live, visible, filters, period. */
function conditionsOf(viewer: Viewer, plan: ResolvedPlan, context: ExecutionContext): SQL {
  const spec = entityTables[plan.entity];
  const conditions: (SQL | undefined)[] = [spec.live, spec.visible(viewer)];
  for (const filter of plan.filters) {
    const accountField = accountAttributeOf(plan.entity, filter.field);
    conditions.push(
      filter.field === 'accountOwner' && filter.value !== undefined
        ? onAccountsOf(viewer, plan.entity, filter)
        : accountField
          ? onVisibleAccountWith(viewer, plan.entity, { ...filter, field: accountField }, context)
          : filterCondition(plan.entity, filter, context),
    );
  }
  const range = plan.timeRange;
  if (range?.lastDays) {
    // The N × 24 hours up to now, as the dashboard counts "activities in the last 30 days": not whole
    // calendar days, which would add the rest of today (visits still planned) and the start of day N.
    const field = range.field ?? defaultTimeField[plan.entity];
    const since = new Date(context.now.getTime() - range.lastDays * DAY_MS).toISOString();
    conditions.push(filterCondition(plan.entity, { field, op: 'gte', value: since }, context));
    conditions.push(filterCondition(plan.entity, { field, op: 'lt', value: context.now.toISOString() }, context));
  } else if (range && (range.from || range.to)) {
    const field = range.field ?? defaultTimeField[plan.entity];
    if (range.from) conditions.push(filterCondition(plan.entity, { field, op: 'gte', value: range.from }, context));
    if (range.to) conditions.push(filterCondition(plan.entity, { field, op: 'lte', value: range.to }, context));
  }
  return and(...conditions) ?? sql`true`;
}

/** An instant as a bound parameter both drivers read the same way. */
const instant = (at: Date) => sql`${at.toISOString()}::timestamptz`;

const DAY_MS = 86_400_000;

/**
 * What puts an open deal at risk, as a sales manager reads a pipeline: its close date has passed (today
 * in the asker's zone), or nobody has logged an activity on it for AT_RISK_IDLE_DAYS days, unless it was
 * created since (a new deal is not idle yet). The answer sentence says the same (answer-text.ts).
 */
function atRisk(context: ExecutionContext): SQL {
  const idleSince = new Date(context.now.getTime() - AT_RISK_IDLE_DAYS * DAY_MS);
  const idle = sql`(${opportunities.createdAt} < ${instant(idleSince)} and ${opportunities.id} not in (${dealsActiveLately()}))`;
  return sql`(${opportunities.closeDate} < ${todayIn(context)}::date or ${idle})`;
}

/**
 * The deals with an activity done (completed: planned ones never done and cancelled ones touched no one)
 * on one of the last AT_RISK_IDLE_DAYS days, up to now: the
 * deals whose `daysSinceActivity` is at most that. Uncorrelated, so PostgreSQL reads the month's activities
 * once from the covering moment index and hashes their deals, rather than looking up each open deal's
 * last activity (1.2 s over 140,000 open deals).
 */
function dealsActiveLately(): SQL {
  const moment = activityMoment(activities);
  return sql`select ${activities.opportunityId} from ${activities}
    where ${activities.opportunityId} is not null and ${activities.deletedAt} is null
      and ${activities.status} = 'completed'
      and ${moment} >= current_date - ${sql.raw(String(AT_RISK_IDLE_DAYS))} and ${moment} <= now()`;
}

const PENDING_TASK = ['open', 'in_progress'];

const listOf = (value: QueryFilter['value']): (string | number)[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value as string | number];
/**
 * A value of an enumerated field (a stage, a status, a source) written into the statement as a literal.
 * Partial indexes are defined by such values (the open deals, the pending tasks), and PostgreSQL proves
 * that a query may use one only against constants: once a prepared statement switches to its generic
 * plan, a bound stage list no longer matches "open deals", and "open deals closing soonest" walks every
 * closed deal first (70–230 ms instead of 1). Only the enumerations' own words are written so.
 */
function enumLiteral(value: string | number): SQL {
  const word = String(value);
  if (!/^[a-z_]+$/.test(word)) throw new Error(`not an enumerated value: ${word}`);
  return sql.raw(`'${word}'`);
}

/**
 * A row limit written into the statement: a generic plan prices a bound limit as a tenth of the rows,
 * and then prefers sorting every open deal to reading the first 20 of an index.
 */
function limitLiteral(limit: number): SQL {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`not a row limit: ${limit}`);
  return sql.raw(String(limit));
}

/**
 * The answer currency written into the statement: an amount and the same amount as the measure are then
 * one aggregate, which PostgreSQL computes once; bound as two parameters they were two (and with 10,000
 * owners each aggregate costs about 10 ms).
 */
function currencyLiteral(currency: string): SQL {
  if (!/^[A-Z]{3}$/.test(currency)) throw new Error(`not a currency code: ${currency}`);
  return sql.raw(`'${currency}'`);
}

/** `column in (…)` over enumerated values. */
const inList = (column: SQL, values: (string | number)[]) =>
  values.length === 0 ? sql`false` : sql`${column} in (${sql.join(values.map(enumLiteral), sql`, `)})`;

/** One filter as SQL. The plan was validated against the allow-list, so field and operator fit. */
function filterCondition(entity: QueryEntity, filter: QueryFilter, context: ExecutionContext): SQL {
  const spec = queryFields[entity][filter.field];
  if (!spec) throw new Error(`field ${filter.field} is not allowed on ${entity}`);
  if (filter.op === 'isNull' || filter.op === 'isNotNull') {
    const column = filter.field === 'territory' ? territoryColumn(entity) : columnOf(entity, filter.field);
    return filter.op === 'isNull' ? sql`${column} is null` : sql`${column} is not null`;
  }
  // Statuses that stand for several stored values.
  if (entity === 'opportunities' && filter.field === 'status') {
    const stages = listOf(filter.value).flatMap((status) => DEAL_STATUS_STAGES[String(status)] ?? []);
    const condition = inList(sql`${opportunities.stage}`, stages);
    return filter.op === 'neq' ? sql`not (${condition})` : condition;
  }
  if (entity === 'tasks' && filter.field === 'status') {
    const statuses = listOf(filter.value).flatMap((status) => (status === 'pending' ? PENDING_TASK : [String(status)]));
    const condition = inList(sql`${tasks.status}`, statuses);
    return filter.op === 'neq' ? sql`not (${condition})` : condition;
  }
  if (entity === 'tasks' && filter.field === 'overdue') {
    const overdue = sql`(${inList(sql`${tasks.status}`, PENDING_TASK)} and ${tasks.dueAt} < ${instant(context.now)})`;
    return filter.value === false ? sql`not ${overdue}` : overdue;
  }
  if (filter.field === 'team') {
    // Resolved to its members (query-execution.ts): a team kept as such is one excluded.
    const members = sql`${columnOf(entity, 'team')} in (${sql.join(
      listOf(filter.value).map((id) => sql`${String(id)}::uuid`),
      sql`, `,
    )})`;
    return filter.op === 'neq' ? sql`not coalesce(${members}, false)` : members;
  }
  if (entity === 'opportunities' && filter.field === 'atRisk') {
    const open = inList(sql`${opportunities.stage}`, [...(DEAL_STATUS_STAGES.open ?? [])]);
    return filter.value === false ? sql`(${open} and not ${atRisk(context)})` : sql`(${open} and ${atRisk(context)})`;
  }
  if (filter.field === 'territory') {
    const column = territoryColumn(entity);
    // Compared without case or punctuation: "south central" is the region "South-Central".
    const names = listOf(filter.value).map((name) =>
      String(name)
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim(),
    );
    const plain = (column: AnyColumn) => sql`trim(regexp_replace(lower(${column}), '[^[:alnum:]]+', ' ', 'g'))`;
    // A territory by its name, or every territory of a region ("accounts in the Midwest").
    const named = sql.join(
      names.map((name) => sql`${name}`),
      sql`, `,
    );
    const ids = sql`(select ${territories.id} from ${territories} where ${plain(territories.name)} in (${named}) or ${plain(territories.region)} in (${named}))`;
    return filter.op === 'neq' ? sql`${column} not in ${ids}` : sql`${column} in ${ids}`;
  }
  const column = columnOf(entity, filter.field);
  switch (spec.kind) {
    case 'text':
      return textCondition(column, filter);
    case 'instant':
      return instantCondition(column, filter, context.timeZone);
    case 'date':
      return compare(sql`${column}`, filter, (value) => sql`${String(value)}::date`);
    case 'boolean':
      return sql`${column} = ${filter.value === true || filter.value === 'true'}`;
    case 'person':
    case 'account':
      return compare(column, filter, (value) => sql`${String(value)}::uuid`);
    case 'enum':
      return compare(column, filter, enumLiteral);
    default:
      return compare(column, filter, (value) => sql`${value}`);
  }
}

/**
 * Records on the accounts someone owns ("tasks for my accounts"): the record's account among theirs, a
 * semi-join the accounts' owner index serves, rather than the owner looked up for every record. Only
 * accounts the asker may see count, so the answer never tells who owns an account hidden from them.
 */
function onAccountsOf(viewer: Viewer, entity: QueryEntity, filter: QueryFilter): SQL {
  const accountId = entityTables[entity].accountColumn;
  const owners = listOf(filter.value).map((id) => sql`${String(id)}::uuid`);
  if (!accountId || owners.length === 0) return sql`false`;
  const owned = sql`${accountId} in (select ${accounts.id} from ${accounts} where ${and(
    sql`${accounts.deletedAt} is null`,
    sql`${accounts.ownerId} in (${sql.join(owners, sql`, `)})`,
    visibleAccounts(viewer),
  )})`;
  return filter.op === 'neq' ? sql`not coalesce(${owned}, false)` : owned;
}

/**
 * The rollup form of a deal plan, for this viewer. The rollups place a deal in its account's territory
 * whether or not the viewer may see the account; only an admin sees every account, so for anyone else a
 * question on territories is read from the deals, which ask the account (onVisibleAccountWith, groupKey).
 */
function dealRollupPlanFor(viewer: Viewer, plan: RecordsPlan, timeZone: string): DealRollupPlan | null {
  const namesTerritory =
    plan.aggregation?.groupBy === 'territory' || plan.filters.some((filter) => filter.field === 'territory');
  return namesTerritory && !isAdmin(viewer) ? null : dealRollupPlan(plan, timeZone);
}

/**
 * Records whose account meets `filter`, a condition in the account's own terms ("with dealers": type is
 * dealer), among the accounts the asker may see, as for onAccountsOf: an account hidden from the asker
 * meets no condition, so "deals with dealers" never counts a deal on a hidden dealer (and "not with
 * dealers" and "with no state" count it, whatever its kind or place: each pair adds up to every deal, telling nothing).
 */
const POSITIVE_OF: Partial<Record<QueryFilter['op'], QueryFilter['op']>> = { neq: 'eq', isNull: 'isNotNull' };

function onVisibleAccountWith(
  viewer: Viewer,
  entity: QueryEntity,
  filter: QueryFilter,
  context: ExecutionContext,
): SQL {
  const accountId = entityTables[entity].accountColumn;
  if (!accountId) return sql`false`;
  // A negation is the records whose visible account meets the positive condition, left out.
  const positive = POSITIVE_OF[filter.op];
  const negated = positive !== undefined;
  const matching = sql`${accountId} in (select ${accounts.id} from ${accounts} where ${and(
    sql`${accounts.deletedAt} is null`,
    visibleAccounts(viewer),
    filterCondition('accounts', positive ? { ...filter, op: positive } : filter, context),
  )})`;
  return negated ? sql`not coalesce(${matching}, false)` : matching;
}

function compare(column: SQL, filter: QueryFilter, bind: (value: string | number) => SQL): SQL {
  const values = listOf(filter.value);
  const first = values[0] ?? '';
  switch (filter.op) {
    case 'eq':
      return sql`${column} = ${bind(first)}`;
    case 'neq':
      return sql`${column} is distinct from ${bind(first)}`;
    case 'in':
      return values.length === 0 ? sql`false` : sql`${column} in (${sql.join(values.map(bind), sql`, `)})`;
    case 'gt':
      return sql`${column} > ${bind(first)}`;
    case 'gte':
      return sql`${column} >= ${bind(first)}`;
    case 'lt':
      return sql`${column} < ${bind(first)}`;
    case 'lte':
      return sql`${column} <= ${bind(first)}`;
    case 'between':
      return sql`${column} between ${bind(first)} and ${bind(values[1] ?? first)}`;
    default:
      throw new Error(`operator ${filter.op} does not apply here`);
  }
}

/** Text compares without case; `contains` is a substring match (the trigram indexes serve it). */
function textCondition(column: SQL, filter: QueryFilter): SQL {
  const values = listOf(filter.value).map((value) => String(value).toLowerCase());
  switch (filter.op) {
    case 'contains':
      return sql`${column} ilike ${`%${escapeLike(values[0] ?? '')}%`}`;
    case 'eq':
      return sql`lower(${column}) = ${values[0] ?? ''}`;
    case 'neq':
      return sql`lower(${column}) is distinct from ${values[0] ?? ''}`;
    default:
      return values.length === 0
        ? sql`false`
        : sql`lower(${column}) in (${sql.join(
            values.map((value) => sql`${value}`),
            sql`, `,
          )})`;
  }
}

/**
 * A calendar date compared with an instant column: the day runs from its midnight to the next in the
 * asker's zone. A full ISO instant is compared as it is.
 */
function instantCondition(column: SQL, filter: QueryFilter, timeZone: string): SQL {
  const values = listOf(filter.value).map(String);
  const dayStart = (value: string) => instant(value.length === 10 ? startOfDayIn(value, timeZone) : new Date(value));
  const nextDayStart = (value: string) => {
    if (value.length !== 10) return instant(new Date(value));
    const next = new Date(`${value}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return instant(startOfDayIn(next.toISOString().slice(0, 10), timeZone));
  };
  const first = values[0] ?? '';
  switch (filter.op) {
    case 'eq':
      return sql`(${column} >= ${dayStart(first)} and ${column} < ${nextDayStart(first)})`;
    case 'gt':
      return sql`${column} >= ${nextDayStart(first)}`;
    case 'gte':
      return sql`${column} >= ${dayStart(first)}`;
    case 'lt':
      return sql`${column} < ${dayStart(first)}`;
    case 'lte':
      return sql`${column} < ${nextDayStart(first)}`;
    case 'between':
      return sql`(${column} >= ${dayStart(first)} and ${column} < ${nextDayStart(values[1] ?? first)})`;
    default:
      throw new Error(`operator ${filter.op} does not apply to a time`);
  }
}
