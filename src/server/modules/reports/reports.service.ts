import { type ActivityType, activityTypes } from '../../../shared/contracts/activities.js';
import { type LeadSource, type LeadStage, leadSources, leadStages } from '../../../shared/contracts/leads.js';
import { type OpportunityStage, openStages, opportunityStages } from '../../../shared/contracts/opportunities.js';
import type {
  ActivitySummaryQuery,
  ActivitySummaryReport,
  ForecastHistory,
  ForecastHistoryQuery,
  ForecastMeasures,
  ForecastQuery,
  ForecastReport,
  LeadFunnelQuery,
  LeadFunnelReport,
  PipelineGroup,
  PipelineQuery,
  PipelineReport,
  WinLossQuery,
  WinLossReport,
} from '../../../shared/contracts/reports.js';
import { AppError } from '../../../shared/errors.js';
import type { Deps } from '../../deps.js';
import { resolvePeople, type Viewer } from '../../platform/viewer.js';
import { sumTargetsByMonth } from '../targets/targets.repository.js';
import { aggregatePipelineByProduct } from './pipeline-products.repository.js';
import {
  addMonths,
  daysSpan,
  monthKeys,
  monthStartOf,
  monthsSpan,
  reportWindow,
  windowBound,
} from './report-periods.js';
import {
  type ActivityGroupRow,
  aggregateActivities,
  aggregateForecast,
  aggregateForecastHistory,
  aggregateLeadFunnel,
  aggregatePipeline,
  aggregateWinLoss,
  type DealScope,
  type ForecastRow,
  type MeasuredGroup,
} from './reports.repository.js';

/*
 * Reports answer in one currency (the `currency` parameter, else the configured default) because amounts
 * in different currencies cannot be added; deals in other currencies are left out, counts included.
 */

const stageLabels: Record<OpportunityStage, string> = {
  prospecting: 'Prospecting',
  qualification: 'Qualification',
  proposal: 'Proposal',
  negotiation: 'Negotiation',
  closed_won: 'Closed won',
  closed_lost: 'Closed lost',
};
const leadStageLabels: Record<LeadStage, string> = {
  inquiry: 'Inquiry',
  qualified: 'Qualified',
  proposal: 'Proposal',
  negotiation: 'Negotiation',
};
const sourceLabels: Record<LeadSource, string> = {
  website: 'Website',
  trade_show: 'Trade show',
  referral: 'Referral',
  cold_call: 'Cold call',
  social_media: 'Social media',
};
const NO_OWNER = 'No owner';
const NO_TERRITORY = 'No territory';
const NO_PRODUCTS = 'No products';
const NO_PRODUCT_LINE = 'No product line';

function dealScope(
  deps: Deps,
  viewer: Viewer,
  query: { ownerId?: string[]; territoryId?: string[]; currency?: string },
): DealScope {
  return {
    ownerIds: query.ownerId && resolvePeople(query.ownerId, viewer),
    territoryIds: query.territoryId,
    currency: query.currency ?? deps.config.defaultCurrency,
  };
}

/** Open deals (or those of the stages asked for) by stage, owner, territory or close month, with totals. */
export async function getPipelineReport(deps: Deps, viewer: Viewer, query: PipelineQuery): Promise<PipelineReport> {
  const scope = dealScope(deps, viewer, query);
  // In pipeline order, each once, whatever order the caller named them in.
  const stages = query.stage && opportunityStages.filter((stage) => query.stage?.includes(stage));
  const rows =
    query.groupBy === 'product' || query.groupBy === 'productFamily'
      ? await aggregatePipelineByProduct(deps.database.db, viewer, query.groupBy, scope, stages)
      : await aggregatePipeline(deps.database.db, viewer, query.groupBy, scope, stages);
  const totals = rows.find((row) => row.isTotal);
  const groups = rows.filter((row) => !row.isTotal);
  return {
    groupBy: query.groupBy,
    currency: scope.currency,
    data: orderPipelineGroups(query.groupBy, groups, stages ?? openStages),
    totals: {
      count: totals?.count ?? 0,
      amount: totals?.amount ?? 0,
      weightedAmount: totals?.weightedAmount ?? 0,
    },
  };
}

const measuresOf = (row: MeasuredGroup | undefined) => ({
  count: row?.count ?? 0,
  amount: row?.amount ?? 0,
  weightedAmount: row?.weightedAmount ?? 0,
});

function orderPipelineGroups(
  groupBy: PipelineQuery['groupBy'],
  groups: MeasuredGroup[],
  stages: readonly OpportunityStage[],
): PipelineGroup[] {
  switch (groupBy) {
    // Every stage read, empty ones too, so a chart or a board keeps its columns in place.
    case 'stage':
      return stages.map((stage) => ({
        key: stage,
        label: stageLabels[stage],
        ...measuresOf(groups.find((group) => group.key === stage)),
      }));
    case 'owner':
    case 'territory': {
      const missing = groupBy === 'owner' ? NO_OWNER : NO_TERRITORY;
      return groups
        .map((group) => ({
          key: group.key,
          label: group.key === null ? missing : (group.label ?? missing),
          ...measuresOf(group),
        }))
        .sort((a, b) => Number(a.key === null) - Number(b.key === null) || a.label.localeCompare(b.label));
    }
    case 'closeMonth':
      return groups
        .map((group) => ({ key: group.key, label: group.key ?? '', ...measuresOf(group) }))
        .sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
    case 'product':
    case 'productFamily':
      return groups
        .map((group) => ({
          key: group.key,
          label: group.key === null ? NO_PRODUCTS : group.label || NO_PRODUCT_LINE,
          ...measuresOf(group),
        }))
        .sort((a, b) => Number(a.key === null) - Number(b.key === null) || b.amount - a.amount);
    default: {
      const unhandled: never = groupBy;
      throw new Error(`unknown pipeline grouping ${String(unhandled)}`);
    }
  }
}

const noMeasures: ForecastMeasures = { closedWon: 0, commit: 0, bestCase: 0, weighted: 0, pipeline: 0 };

/** The forecast per close month from the current (UTC) month on; every month present. */
export async function getForecastReport(
  deps: Deps,
  viewer: Viewer,
  query: ForecastQuery,
  now = new Date(),
): Promise<ForecastReport> {
  const scope = dealScope(deps, viewer, query);
  const firstMonth = monthStartOf(now);
  const rows = await aggregateForecast(
    deps.database.db,
    viewer,
    { firstMonth, endMonth: addMonths(firstMonth, query.months) },
    scope,
  );
  const measuresOf = ({ month: _month, pastDue: _pastDue, ...measures }: ForecastRow) => measures;
  const byMonth = new Map(rows.filter((row) => !row.pastDue).map((row) => [row.month, measuresOf(row)]));
  const pastDue = rows.find((row) => row.pastDue);
  const months = monthKeys(firstMonth, query.months);
  const targets = await sumTargetsByMonth(
    deps.database.db,
    viewer,
    { firstMonth, lastMonth: addMonths(firstMonth, query.months - 1), currency: scope.currency },
    { userIds: scope.ownerIds, territoryIds: scope.territoryIds },
  );
  const totalTarget = Math.round(months.reduce((sum, month) => sum + (targets.get(month) ?? 0), 0) * 100) / 100;
  return {
    currency: scope.currency,
    months: query.months,
    data: months.map((month) => ({ month, ...(byMonth.get(month) ?? noMeasures), target: targets.get(month) ?? 0 })),
    totals: { ...(byMonth.get(null) ?? noMeasures), target: totalTarget },
    pastDue: pastDue ? measuresOf(pastDue) : noMeasures,
  };
}

/**
 * How the forecast moved: per weekly snapshot, the totals of its first `months` close months over the
 * snapshot rows the viewer may see (their owner and territory decide, see the repository).
 */
export async function getForecastHistory(
  deps: Deps,
  viewer: Viewer,
  query: ForecastHistoryQuery,
): Promise<ForecastHistory> {
  const scope = dealScope(deps, viewer, query);
  const rows = await aggregateForecastHistory(
    deps.database.db,
    viewer,
    { months: query.months, weeks: query.weeks },
    scope,
  );
  return { currency: scope.currency, months: query.months, data: rows };
}

const WIN_LOSS_WINDOW_MONTHS = 12;

/** Won and lost deals by their close time; the window is 12 months (the last 12 unless a bound is given). */
export async function getWinLossReport(
  deps: Deps,
  viewer: Viewer,
  query: WinLossQuery,
  now = new Date(),
): Promise<WinLossReport> {
  const scope = dealScope(deps, viewer, query);
  const { from, to } = reportWindow(query, monthsSpan(WIN_LOSS_WINDOW_MONTHS), now);
  requireOrderedWindow(from, to);
  const row = await aggregateWinLoss(deps.database.db, viewer, { from, to }, scope);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    currency: scope.currency,
    won: { count: row.wonCount, amount: row.wonAmount },
    lost: { count: row.lostCount, amount: row.lostAmount },
    winRate: ratio(row.wonCount, row.wonCount + row.lostCount),
    averageDealSize: row.averageDealSize,
    averageSalesCycleDays: row.averageSalesCycleDays,
    lossReasons: row.lossReasons,
  };
}

/** Leads created in the window (default: all): where the open ones stand and how each source converts. */
export async function getLeadFunnelReport(
  deps: Deps,
  viewer: Viewer,
  query: LeadFunnelQuery,
): Promise<LeadFunnelReport> {
  const from = query.from ? windowBound(query.from, 'from') : undefined;
  const to = query.to ? windowBound(query.to, 'to') : undefined;
  if (from && to) requireOrderedWindow(from, to);
  const row = await aggregateLeadFunnel(
    deps.database.db,
    viewer,
    { from, to },
    { ownerIds: query.ownerId && resolvePeople(query.ownerId, viewer), territoryIds: query.territoryId },
  );
  return {
    from: from?.toISOString() ?? null,
    to: to?.toISOString() ?? null,
    total: row.total,
    stages: leadStages.map((stage) => ({
      stage,
      label: leadStageLabels[stage],
      count: row.openByStage.get(stage) ?? 0,
    })),
    open: row.open,
    converted: row.converted,
    disqualified: row.disqualified,
    conversionRate: ratio(row.converted, row.total),
    sources: leadSources.map((source) => {
      const counts = row.bySource.get(source) ?? { total: 0, converted: 0 };
      return {
        source,
        label: sourceLabels[source],
        total: counts.total,
        converted: counts.converted,
        conversionRate: ratio(counts.converted, counts.total),
      };
    }),
    averageDaysToConvert: row.averageDaysToConvert,
  };
}

/** A share that is honest about nothing to divide by: null, not 0. */
function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Only two bounds given in the wrong order can be out of order: a missing one is taken from the other. */
function requireOrderedWindow(from: Date, to: Date): void {
  if (from.getTime() > to.getTime()) {
    throw new AppError('invalid_request', 'from must not be after to', {
      errors: [{ path: 'from', message: 'must not be after to' }],
    });
  }
}

const activityTypeLabels: Record<ActivityType, string> = {
  call: 'Calls',
  email: 'E-mails',
  meeting: 'Meetings',
  task: 'Tasks',
  note: 'Notes',
  visit: 'Visits',
};
const ACTIVITY_WINDOW_DAYS = 30;
const noActivityMeasures = { total: 0, planned: 0, completed: 0, cancelled: 0, visits: 0, durationMinutes: 0 };

/** Activities per type or owner in the window (30 days: the last 30 unless a bound is given), with totals. */
export async function getActivitySummary(
  deps: Deps,
  viewer: Viewer,
  query: ActivitySummaryQuery,
  now = new Date(),
): Promise<ActivitySummaryReport> {
  const { from, to } = reportWindow(query, daysSpan(ACTIVITY_WINDOW_DAYS), now);
  requireOrderedWindow(from, to);
  const rows = await aggregateActivities(
    deps.database.db,
    viewer,
    query.groupBy,
    { from, to },
    {
      ownerIds: query.ownerId && resolvePeople(query.ownerId, viewer),
      territoryIds: query.territoryId,
      types: query.type,
    },
  );
  const measures = ({ key: _key, label: _label, isTotal: _isTotal, ...rest }: ActivityGroupRow) => rest;
  const totals = rows.find((row) => row.isTotal);
  const groups = rows.filter((row) => !row.isTotal);
  const data =
    query.groupBy === 'type'
      ? activityTypes
          .filter((type) => !query.type || query.type.includes(type))
          .map((type) => {
            const group = groups.find((row) => row.key === type);
            return { key: type, label: activityTypeLabels[type], ...(group ? measures(group) : noActivityMeasures) };
          })
      : groups
          .map((group) => ({
            ...measures(group),
            key: group.key,
            label: group.key === null ? NO_OWNER : (group.label ?? NO_OWNER),
          }))
          .sort((a, b) => Number(a.key === null) - Number(b.key === null) || a.label.localeCompare(b.label));
  return {
    groupBy: query.groupBy,
    from: from.toISOString(),
    to: to.toISOString(),
    data,
    totals: totals ? measures(totals) : noActivityMeasures,
  };
}
