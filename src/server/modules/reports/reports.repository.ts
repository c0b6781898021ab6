import { type AnyColumn, and, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { leadSources, leadStages } from '../../../shared/contracts/leads.js';
import { type OpportunityStage, openStages } from '../../../shared/contracts/opportunities.js';
import type { ActivitySummaryGrouping, ForecastMeasures, PipelineGrouping } from '../../../shared/contracts/reports.js';
import { type Db, queryRows } from '../../db/client.js';
import {
  accounts,
  activities,
  activityMoment,
  dealOwnerRollups,
  forecastSnapshots,
  leads,
  opportunities,
  territories,
  users,
} from '../../db/schema/index.js';
import { accountInTerritories } from '../../platform/record-links.js';
import { isAdmin, type Viewer } from '../../platform/viewer.js';
import { visibleDeals, visibleRecords } from '../../platform/visibility.js';
import { visibleActivities } from '../activities/activities.repository.js';
import { sumInCents, visibleDealRollups } from './deal-rollups.repository.js';

/*
 * All SQL of the reports. Each report is one aggregate query over live rows (FILTER clauses and GROUPING
 * SETS give the measures and the totals in one pass), scoped by the viewer's visibility predicate, so a
 * report never counts what its reader may not see. The pipeline, forecast and snapshot read the deal
 * rollups (deal-rollups.repository.ts: a few hundred rows instead of every deal); win-loss reads the deals
 * themselves, because its window is any pair of instants and it needs each deal's cycle and loss reason.
 */

/** The account a deal hangs off, under its own name: visibility's EXISTS already uses `linked_account`. */
const dealAccount = alias(accounts, 'deal_account');

/** Narrowing shared by the deal reports; an empty field narrows nothing. */
export type DealScope = { ownerIds?: string[]; territoryIds?: string[]; currency: string };

/**
 * A deal's territory is its account's. The join is only written when a territory is asked for: win-loss
 * over a whole company must not pay for account look-ups it does not use.
 */
function joinDealAccount(needed: boolean): SQL {
  return needed
    ? sql`join ${accounts} as ${sql.identifier('deal_account')} on ${dealAccount.id} = ${opportunities.accountId}`
    : sql``;
}

const narrowsByTerritory = (scope: DealScope) => (scope.territoryIds?.length ?? 0) > 0;

const isWon = sql`${opportunities.stage} = 'closed_won'`;
const isLost = sql`${opportunities.stage} = 'closed_lost'`;

function visibleLeads(viewer: Viewer): SQL | undefined {
  return visibleRecords(viewer, { people: [leads.ownerId], territory: leads.territoryId });
}

/** `column in (values)` when values are given; `undefined` (no condition) otherwise. */
export function oneOf(column: AnyColumn, values: string[] | undefined): SQL | undefined {
  return values && values.length > 0 ? inArray(column, values) : undefined;
}

/**
 * Conditions of the deal reports that read deals (win-loss): live, visible, owner and territory narrowing.
 * Every currency: a deal counts whatever its currency; money is limited to the report's one (`inCurrency`).
 */
function dealConditions(viewer: Viewer, scope: DealScope, ...more: (SQL | undefined)[]): SQL {
  return (
    and(
      isNull(opportunities.deletedAt),
      visibleDeals(viewer),
      oneOf(opportunities.ownerId, scope.ownerIds),
      oneOf(dealAccount.territoryId, scope.territoryIds),
      // A deal seen through its owner may hang off an account the viewer may not see, whose territory must
      // not be told by narrowing on it.
      narrowsByTerritory(scope)
        ? visibleRecords(viewer, { people: [dealAccount.ownerId], territory: dealAccount.territoryId })
        : undefined,
      ...more,
    ) ?? sql`true`
  );
}

/** Rounds a numeric money expression to cents and hands it over as a JS number. */
const asMoney = (expression: SQL) => sql`round(coalesce(${expression}, 0), 2)::float8`;

export type MeasuredGroup = {
  key: string | null;
  label: string | null;
  count: number;
  amount: number;
  weightedAmount: number;
  /** True for the grand-total row of the GROUPING SETS. */
  isTotal: boolean;
};

/** The groupings the deal rollups answer; products are read from the deals' lines (pipeline-products.repository.ts). */
export type RollupGrouping = Exclude<PipelineGrouping, 'product' | 'productFamily'>;

/** How each grouping names the groups of the rollup rows (`deals`); the territory of a deal is its account's. */
function pipelineGrouping(groupBy: RollupGrouping): { key: SQL; label: SQL; joins: SQL } {
  switch (groupBy) {
    case 'stage':
      return { key: sql`deals.stage`, label: sql`deals.stage`, joins: sql`` };
    case 'owner':
      return {
        key: sql`deals.owner_id::text`,
        label: sql`${users.name}`,
        joins: sql`left join ${users} on ${users.id} = deals.owner_id`,
      };
    case 'territory':
      return {
        key: sql`deals.territory_id::text`,
        label: sql`${territories.name}`,
        joins: sql`left join ${territories} on ${territories.id} = deals.territory_id`,
      };
    case 'closeMonth':
      return { key: rollupMonthKey, label: rollupMonthKey, joins: sql`` };
    default: {
      const unhandled: never = groupBy;
      throw new Error(`unknown pipeline grouping ${String(unhandled)}`);
    }
  }
}

/** YYYY-MM of a rollup row's close month (a date: no time zone can shift it). */
const rollupMonthKey = sql`to_char(deals.close_month::timestamp, 'YYYY-MM')`;
/** Stage conditions on rollup rows. */
const rollupIsOpen = sql`deals.stage in (${sql.join(
  openStages.map((stage) => sql`${stage}`),
  sql`, `,
)})`;
const rollupIsWon = sql`deals.stage = 'closed_won'`;

/**
 * Deals of the given stages (by default the open ones) by the chosen grouping, plus the grand total, in
 * one query over the deal rollups (every grouping and narrowing of the pipeline is a rollup key). Groups
 * come unordered.
 */
export async function aggregatePipeline(
  db: Db,
  viewer: Viewer,
  groupBy: RollupGrouping,
  scope: DealScope,
  stages?: readonly OpportunityStage[],
): Promise<MeasuredGroup[]> {
  const grouping = pipelineGrouping(groupBy);
  // Stages grouped by or named are read from the rollups' stage column; the open deals of any other
  // grouping may be read with their stages summed out.
  const readsStages = groupBy === 'stage' || stages !== undefined;
  const stagesOf = (table: { stage: AnyColumn }) => inArray(table.stage, [...(stages ?? openStages)]);
  const deals = visibleDealRollups(
    viewer,
    { ...scope, byOwner: groupBy === 'owner', monthless: groupBy !== 'closeMonth', openOnly: !readsStages },
    readsStages ? stagesOf : () => sql`true`,
  );
  const rows = await queryRows<MeasuredGroupRow>(
    db,
    sql`
      select ${grouping.key} as key, ${grouping.label} as label, coalesce(sum(deals.deal_count), 0)::int as count,
        ${asMoney(sumInCents('amount'))} as amount,
        ${asMoney(sumInCents('weighted_amount'))} as weighted_amount,
        grouping(${grouping.key}, ${grouping.label}) <> 0 as is_total
      from ${deals}
      ${grouping.joins}
      group by grouping sets ((${grouping.key}, ${grouping.label}), ())`,
  );
  return rows.map(toMeasuredGroup);
}

/** A pipeline group as its query answers it (`grouping sets ((key, label), ())`). */
export type MeasuredGroupRow = {
  key: string | null;
  label: string | null;
  count: number;
  amount: number;
  weighted_amount: number;
  is_total: boolean;
};

export const toMeasuredGroup = (row: MeasuredGroupRow): MeasuredGroup => ({
  key: row.key,
  label: row.label,
  count: row.count,
  amount: Number(row.amount),
  weightedAmount: Number(row.weighted_amount),
  isTotal: row.is_total,
});

/**
 * The forecast measures of deals closing in a period, over rollup rows: won deals by close date; open
 * deals as commit (probability ≥ 75), best case (all), weighted, and their number. Shared by the live
 * forecast and the snapshot so the two can never disagree on a definition.
 */
const forecastMeasures = sql`
  ${asMoney(sql`sum(deals.amount) filter (where ${rollupIsWon})`)} as closed_won,
  ${asMoney(sql`sum(deals.commit_amount) filter (where ${rollupIsOpen})`)} as commit,
  ${asMoney(sql`sum(deals.amount) filter (where ${rollupIsOpen})`)} as best_case,
  ${asMoney(sql`sum(deals.weighted_amount) filter (where ${rollupIsOpen}) / 100`)} as weighted,
  coalesce(sum(deals.deal_count) filter (where ${rollupIsOpen}), 0)::int as pipeline`;

/**
 * Rollup rows the forecast looks at: open or won, closing in [firstMonth, endMonth) (both month starts),
 * and open deals whose close month has passed. A deal that slipped is still expected, at the earliest
 * now: left out, it would be in no month and no total, and the forecast would disagree with the pipeline.
 */
const forecastRollups =
  (firstMonth: string, endMonth: string) =>
  (table: { stage: AnyColumn; closeMonth: AnyColumn }): SQL =>
    sql`((${table.closeMonth} >= ${firstMonth}::date and ${table.closeMonth} < ${endMonth}::date
        and ${inArray(table.stage, [...openStages, 'closed_won'])})
      or (${table.closeMonth} < ${firstMonth}::date and ${inArray(table.stage, [...openStages])}))`;

/** The month a forecast counts a rollup row in: its close month, or the first month for a deal that slipped. */
const forecastMonth = (closeMonth: SQL, firstMonth: string) => sql`greatest(${closeMonth}, ${firstMonth}::date)`;

type ForecastMeasureRow = {
  closed_won: number;
  commit: number;
  best_case: number;
  weighted: number;
  pipeline: number;
};

export type ForecastRow = ForecastMeasures & {
  /** YYYY-MM; null on the total row and the past-due row. */
  month: string | null;
  /** The open deals whose close month has passed (also counted in the first month and the total). */
  pastDue: boolean;
};

const toMeasures = (row: ForecastMeasureRow): ForecastMeasures => ({
  closedWon: Number(row.closed_won),
  commit: Number(row.commit),
  bestCase: Number(row.best_case),
  weighted: Number(row.weighted),
  pipeline: Number(row.pipeline),
});

/**
 * Forecast per close month in [firstMonth, endMonth) plus the total (month null); empty months are absent.
 * Open deals whose close month has passed are counted in the first month (forecastRollups).
 */
export async function aggregateForecast(
  db: Db,
  viewer: Viewer,
  period: { firstMonth: string; endMonth: string },
  scope: DealScope,
): Promise<ForecastRow[]> {
  const deals = visibleDealRollups(viewer, scope, forecastRollups(period.firstMonth, period.endMonth));
  const month = sql`to_char(${forecastMonth(sql`deals.close_month`, period.firstMonth)}::timestamp, 'YYYY-MM')`;
  const slipped = sql`deals.close_month < ${period.firstMonth}::date`;
  // The month computed once, under the rows' own name: an expression with a bound parameter, written
  // twice, would be two expressions to GROUPING SETS. The slipped deals are a set of their own.
  const rows = await queryRows<ForecastMeasureRow & { month: string | null; slipped: boolean | null; by: number }>(
    db,
    sql`
      select deals.month, deals.slipped, grouping(deals.month, deals.slipped)::int as by, ${forecastMeasures}
      from (select deals.*, ${month} as month, ${slipped} as slipped from ${deals}) as deals
      group by grouping sets ((deals.month), (), (deals.slipped))`,
  );
  // grouping(): 1 = by month, 3 = the total, 2 = by slipped or not (only the slipped row is kept).
  return rows
    .filter((row) => row.by !== 2 || row.slipped === true)
    .map((row) => ({ month: row.month, pastDue: row.by === 2, ...toMeasures(row) }));
}

/**
 * The forecast measures of [firstMonth, endMonth) per deal owner, over the owner rollup (deals without an
 * owner are left out: nobody's target counts them). Open deals whose close month has passed count, as
 * in the forecast, only when the period is still running (`includeSlipped`): they are expected now.
 */
export async function aggregateForecastByOwner(
  db: Db,
  viewer: Viewer,
  period: { firstMonth: string; endMonth: string; includeSlipped: boolean },
  scope: DealScope,
): Promise<(ForecastMeasures & { ownerId: string })[]> {
  const inPeriod = (table: { stage: AnyColumn; closeMonth: AnyColumn }): SQL =>
    sql`(${table.closeMonth} >= ${period.firstMonth}::date and ${table.closeMonth} < ${period.endMonth}::date
      and ${inArray(table.stage, [...openStages, 'closed_won'])})`;
  const deals = visibleDealRollups(
    viewer,
    { ...scope, byOwner: true },
    period.includeSlipped ? forecastRollups(period.firstMonth, period.endMonth) : inPeriod,
  );
  const rows = await queryRows<ForecastMeasureRow & { owner_id: string }>(
    db,
    sql`select deals.owner_id, ${forecastMeasures} from ${deals}
      where deals.owner_id is not null group by deals.owner_id`,
  );
  return rows.map((row) => ({ ownerId: row.owner_id, ...toMeasures(row) }));
}

export type WinLossRow = {
  wonCount: number;
  wonAmount: number;
  lostCount: number;
  lostAmount: number;
  averageDealSize: number | null;
  averageSalesCycleDays: number | null;
  lossReasons: { reason: string; count: number; amount: number }[];
};

/** Won and lost deals closed in [from, to], with loss reasons ranked, in one query. */
export async function aggregateWinLoss(
  db: Db,
  viewer: Viewer,
  window: { from: Date; to: Date },
  scope: DealScope,
): Promise<WinLossRow> {
  const inCurrency = sql`${opportunities.currency} = ${scope.currency}`;
  // Won deals fall in no reason group (null), so the reason grouping set holds lost deals only. Reasons
  // written alike ("Price", "price ", "PRICE") are one group, named as most of its deals spell it.
  const spelling = sql`coalesce(nullif(regexp_replace(btrim(${opportunities.lossReason}), '[[:space:]]+', ' ', 'g'), ''), 'Unspecified')`;
  const reason = sql`case when ${isLost} then lower(${spelling}) end`;
  const rows = await queryRows<{
    reason_key: string | null;
    reason: string | null;
    is_total: boolean;
    won_count: number;
    won_amount: number;
    lost_count: number;
    lost_amount: number;
    average_deal_size: number | null;
    average_cycle_days: number | null;
  }>(
    db,
    sql`
      select ${reason} as reason_key, mode() within group (order by ${spelling}) as reason,
        grouping(${reason}) <> 0 as is_total,
        (count(*) filter (where ${isWon}))::int as won_count,
        ${asMoney(sql`sum(${opportunities.amount}) filter (where ${isWon} and ${inCurrency})`)} as won_amount,
        (count(*) filter (where ${isLost}))::int as lost_count,
        ${asMoney(sql`sum(${opportunities.amount}) filter (where ${isLost} and ${inCurrency})`)} as lost_amount,
        round(avg(${opportunities.amount}) filter (where ${isWon} and ${inCurrency}), 2)::float8 as average_deal_size,
        round((avg(greatest(extract(epoch from ${opportunities.closedAt} - ${opportunities.createdAt}), 0)) filter (where ${isWon}) / 86400)::numeric, 2)::float8
          as average_cycle_days
      from ${opportunities}
      ${joinDealAccount(narrowsByTerritory(scope))}
      where ${dealConditions(
        viewer,
        scope,
        sql`(${isWon} or ${isLost})`,
        sql`${opportunities.closedAt} >= ${window.from.toISOString()}::timestamptz`,
        sql`${opportunities.closedAt} <= ${window.to.toISOString()}::timestamptz`,
      )}
      group by grouping sets ((), (${reason}))
      order by is_total desc, lost_count desc, lost_amount desc, reason_key`,
  );
  const total = rows.find((row) => row.is_total);
  const wonCount = total?.won_count ?? 0;
  const lostCount = total?.lost_count ?? 0;
  return {
    wonCount,
    wonAmount: Number(total?.won_amount ?? 0),
    lostCount,
    lostAmount: Number(total?.lost_amount ?? 0),
    averageDealSize: total?.average_deal_size == null ? null : Number(total.average_deal_size),
    averageSalesCycleDays: total?.average_cycle_days == null ? null : Number(total.average_cycle_days),
    lossReasons: rows
      .filter((row) => !row.is_total && row.reason_key !== null)
      .map((row) => ({ reason: row.reason as string, count: row.lost_count, amount: Number(row.lost_amount) })),
  };
}

export type LeadFunnelRow = {
  total: number;
  open: number;
  converted: number;
  disqualified: number;
  averageDaysToConvert: number | null;
  openByStage: Map<string, number>;
  bySource: Map<string, { total: number; converted: number }>;
};

/** Leads created in the window: totals, open leads per stage and conversion per source, in one query. */
export async function aggregateLeadFunnel(
  db: Db,
  viewer: Viewer,
  window: { from: Date | undefined; to: Date | undefined },
  scope: { ownerIds?: string[]; territoryIds?: string[] },
): Promise<LeadFunnelRow> {
  const isOpenLead = sql`${leads.status} = 'open'`;
  const isConverted = sql`${leads.status} = 'converted'`;
  // Open leads only in the stage grouping set: others fall into a null stage group, which is skipped.
  const openStage = sql`case when ${isOpenLead} then ${leads.stage} end`;
  const conditions = and(
    isNull(leads.deletedAt),
    visibleLeads(viewer),
    oneOf(leads.ownerId, scope.ownerIds),
    oneOf(leads.territoryId, scope.territoryIds),
    window.from ? sql`${leads.createdAt} >= ${window.from.toISOString()}::timestamptz` : undefined,
    window.to ? sql`${leads.createdAt} <= ${window.to.toISOString()}::timestamptz` : undefined,
  );
  const rows = await queryRows<{
    grouped_by: 'total' | 'stage' | 'source';
    stage: string | null;
    source: string | null;
    total: number;
    open: number;
    converted: number;
    disqualified: number;
    average_days: number | null;
  }>(
    db,
    sql`
      select
        case grouping(${openStage}, ${leads.source}) when 3 then 'total' when 1 then 'stage' else 'source' end
          as grouped_by,
        ${openStage} as stage, ${leads.source} as source,
        count(*)::int as total,
        (count(*) filter (where ${isOpenLead}))::int as open,
        (count(*) filter (where ${isConverted}))::int as converted,
        (count(*) filter (where ${leads.status} = 'disqualified'))::int as disqualified,
        round((avg(extract(epoch from ${leads.convertedAt} - ${leads.createdAt}))
          filter (where ${isConverted} and ${leads.convertedAt} is not null) / 86400)::numeric, 2)::float8 as average_days
      from ${leads}
      where ${conditions ?? sql`true`}
      group by grouping sets ((), (${openStage}), (${leads.source}))`,
  );
  const total = rows.find((row) => row.grouped_by === 'total');
  const openByStage = new Map<string, number>(leadStages.map((stage) => [stage, 0]));
  const bySource = new Map(leadSources.map((source) => [source as string, { total: 0, converted: 0 }]));
  for (const row of rows) {
    if (row.grouped_by === 'stage' && row.stage !== null) openByStage.set(row.stage, row.total);
    if (row.grouped_by === 'source' && row.source !== null)
      bySource.set(row.source, { total: row.total, converted: row.converted });
  }
  return {
    total: total?.total ?? 0,
    open: total?.open ?? 0,
    converted: total?.converted ?? 0,
    disqualified: total?.disqualified ?? 0,
    averageDaysToConvert: total?.average_days == null ? null : Number(total.average_days),
    openByStage,
    bySource,
  };
}

export type ForecastSnapshotRow = {
  ownerId: string | null;
  territoryId: string | null;
  /** First day of the close month, YYYY-MM-DD. */
  closeMonth: string;
  currency: string;
  closedWon: number;
  commit: number;
  bestCase: number;
  weighted: number;
  /** The open amount: today the same sum as best case; its own column so a narrower best case keeps history. */
  pipeline: number;
  dealCount: number;
};

/**
 * Unscoped on purpose: the system takes the weekly snapshot for everyone, and each reader's history is
 * narrowed when it is read (by the row's owner and territory). Live deals only, per owner × territory
 * (the account's, as the snapshot is taken) × close month × currency, over [firstMonth, endMonth), read
 * from the owner rollup (it holds every live deal under those keys).
 */
export async function aggregateForecastOfEveryoneUnscoped(
  db: Db,
  period: { firstMonth: string; endMonth: string },
): Promise<ForecastSnapshotRow[]> {
  const r = dealOwnerRollups;
  const rows = await queryRows<
    ForecastMeasureRow & { owner_id: string | null; territory_id: string | null; close_month: string; currency: string }
  >(
    db,
    sql`
      select deals.owner_id, deals.territory_id, deals.close_month::text as close_month, deals.currency,
        ${forecastMeasures}
      from (
        select ${r.ownerId} as owner_id, ${r.territoryId} as territory_id,
          ${forecastMonth(sql`${r.closeMonth}`, period.firstMonth)} as close_month,
          ${r.currency} as currency, ${r.stage} as stage, ${r.dealCount} as deal_count, ${r.amount} as amount,
          ${r.weightedAmount} as weighted_amount, ${r.commitAmount} as commit_amount
        from ${r}
        where ${forecastRollups(period.firstMonth, period.endMonth)(r)}
      ) as deals
      group by 1, 2, 3, 4`,
  );
  return rows.map((row) => {
    const measures = toMeasures(row);
    return {
      ownerId: row.owner_id,
      territoryId: row.territory_id,
      closeMonth: row.close_month,
      currency: row.currency,
      closedWon: measures.closedWon,
      commit: measures.commit,
      bestCase: measures.bestCase,
      weighted: measures.weighted,
      pipeline: measures.bestCase,
      dealCount: measures.pipeline,
    };
  });
}

export async function deleteForecastSnapshot(db: Db, takenOn: string): Promise<void> {
  await db.delete(forecastSnapshots).where(sql`${forecastSnapshots.takenOn} = ${takenOn}::date`);
}

export async function insertForecastSnapshotRows(db: Db, rows: (typeof forecastSnapshots.$inferInsert)[]) {
  // 12 columns a row: 1000 rows stay far below PostgreSQL's 65535 bind parameters per statement.
  for (let start = 0; start < rows.length; start += 1000) {
    await db.insert(forecastSnapshots).values(rows.slice(start, start + 1000));
  }
}

export type ForecastHistoryRow = ForecastMeasures & { takenOn: string; fromMonth: string; toMonth: string };

/**
 * The newest `weeks` snapshot dates (whoever's rows they hold, so every reader gets the same dates), each
 * with the totals of the rows the viewer may see over its first `months` close months. A snapshot row's
 * visibility follows its owner (the viewer or someone below) and its territory (one of the viewer's).
 */
export async function aggregateForecastHistory(
  db: Db,
  viewer: Viewer,
  options: { months: number; weeks: number },
  scope: DealScope,
): Promise<ForecastHistoryRow[]> {
  const s = forecastSnapshots;
  const firstMonth = sql`date_trunc('month', d.taken_on::timestamp)`;
  const rowConditions = and(
    sql`${s.currency} = ${scope.currency}`,
    sql`${s.closeMonth} >= ${firstMonth}::date`,
    sql`${s.closeMonth} < (${firstMonth} + make_interval(months => ${options.months}::int))::date`,
    visibleRecords(viewer, { people: [s.ownerId], territory: s.territoryId }),
    oneOf(s.ownerId, scope.ownerIds),
    snapshotTerritoryNarrowing(viewer, s.territoryId, scope.territoryIds),
  );
  const rows = await queryRows<{
    taken_on: string;
    from_month: string;
    to_month: string;
    closed_won: number;
    commit: number;
    best_case: number;
    weighted: number;
    pipeline: number;
  }>(
    db,
    sql`
      with dates as (
        select distinct ${s.takenOn} as taken_on from ${s} order by 1 desc limit ${options.weeks}
      )
      select d.taken_on::text as taken_on,
        to_char(${firstMonth}, 'YYYY-MM') as from_month,
        to_char(${firstMonth} + make_interval(months => ${options.months}::int - 1), 'YYYY-MM') as to_month,
        coalesce(sum(${s.closedWon}), 0)::float8 as closed_won,
        coalesce(sum(${s.commit}), 0)::float8 as commit,
        coalesce(sum(${s.bestCase}), 0)::float8 as best_case,
        coalesce(sum(${s.weighted}), 0)::float8 as weighted,
        coalesce(sum(${s.dealCount}), 0)::int as pipeline
      from dates d
      left join ${s} on ${s.takenOn} = d.taken_on and ${rowConditions}
      group by d.taken_on
      order by d.taken_on`,
  );
  return rows.map((row) => ({
    takenOn: row.taken_on,
    fromMonth: row.from_month,
    toMonth: row.to_month,
    ...toMeasures(row),
  }));
}

/**
 * A snapshot row's territory is its account's, and the row keeps no account owner. A row the viewer sees
 * only as its owner may sit on an account the viewer may not see, so for anyone but an admin the
 * narrowing matches only the viewer's own territories: it never tells where such an account is.
 */
function snapshotTerritoryNarrowing(viewer: Viewer, column: AnyColumn, territoryIds: string[] | undefined) {
  if (!territoryIds || territoryIds.length === 0 || isAdmin(viewer)) return oneOf(column, territoryIds);
  const covered = territoryIds.filter((id) => viewer.territoryIds.includes(id));
  return covered.length > 0 ? inArray(column, covered) : sql`false`;
}

export type ActivityGroupRow = {
  key: string | null;
  label: string | null;
  total: number;
  planned: number;
  completed: number;
  cancelled: number;
  visits: number;
  durationMinutes: number;
  isTotal: boolean;
};

/** Narrowing of the activity summary; an empty field narrows nothing. */
export type ActivityScope = { ownerIds?: string[]; territoryIds?: string[]; types?: string[] };

/**
 * Activities standing in [from, to] (done, else planned, else logged then: the timeline's moment, which
 * activities_moment_idx orders) by type or owner, plus the grand total, in one query.
 */
export async function aggregateActivities(
  db: Db,
  viewer: Viewer,
  groupBy: ActivitySummaryGrouping,
  window: { from: Date; to: Date },
  scope: ActivityScope,
): Promise<ActivityGroupRow[]> {
  const moment = activityMoment(activities);
  const key = groupBy === 'type' ? sql`${activities.type}` : sql`${activities.ownerId}::text`;
  const label = groupBy === 'type' ? sql`${activities.type}` : sql`${users.name}`;
  const joins = groupBy === 'owner' ? sql`left join ${users} on ${users.id} = ${activities.ownerId}` : sql``;
  const withStatus = (status: string) => sql`(count(*) filter (where ${activities.status} = ${status}))::int`;
  const rows = await queryRows<{
    key: string | null;
    label: string | null;
    total: number;
    planned: number;
    completed: number;
    cancelled: number;
    visits: number;
    duration_minutes: number;
    is_total: boolean;
  }>(
    db,
    sql`
      select ${key} as key, ${label} as label, count(*)::int as total,
        ${withStatus('planned')} as planned, ${withStatus('completed')} as completed,
        ${withStatus('cancelled')} as cancelled,
        (count(*) filter (where ${activities.type} = 'visit'))::int as visits,
        coalesce(sum(${activities.durationMinutes}) filter (where ${activities.status} = 'completed'), 0)::int
          as duration_minutes,
        grouping(${key}, ${label}) <> 0 as is_total
      from ${activities}
      ${joins}
      where ${
        and(
          isNull(activities.deletedAt),
          sql`${moment} >= ${window.from} and ${moment} <= ${window.to}`,
          visibleActivities(viewer),
          oneOf(activities.ownerId, scope.ownerIds),
          oneOf(activities.type, scope.types),
          accountInTerritories(viewer, activities.accountId, scope.territoryIds),
        ) ?? sql`true`
      }
      group by grouping sets ((${key}, ${label}), ())`,
  );
  return rows.map((row) => ({
    key: row.key,
    label: row.label,
    total: row.total,
    planned: row.planned,
    completed: row.completed,
    cancelled: row.cancelled,
    visits: row.visits,
    durationMinutes: row.duration_minutes,
    isTotal: row.is_total,
  }));
}
