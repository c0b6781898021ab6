import { accountTypes } from '../../../shared/contracts/accounts.js';
import { activityTypes } from '../../../shared/contracts/activities.js';
import type { Dashboard, DashboardQuery } from '../../../shared/contracts/dashboard.js';
import { leadSources, leadStages } from '../../../shared/contracts/leads.js';
import { isClosedStage, type OpportunityStage, openStages } from '../../../shared/contracts/opportunities.js';
import type { Deps } from '../../deps.js';
import { resolvePeople, type Viewer } from '../../platform/viewer.js';
import { addDays, dayIn, startOfDayIn, toIsoDate } from '../query/rule-engine/calendar.js';
import {
  countAccountsByType,
  countActivitiesByType,
  countLeads,
  countOpenTasks,
  type DashboardScope,
  type DealStageRow,
  measureDealsByStage,
} from './dashboard.repository.js';
import {
  countAccountsByTypeFromRollups,
  countActivitiesByTypeFromRollups,
  countLeadsFromRollups,
  countOpenTasksFromRollups,
} from './dashboard-rollups.repository.js';

const DAY_MS = 86_400_000;
/** "Activities in the last 30 days" (API.md "Analytics and questions"). */
const ACTIVITY_WINDOW_DAYS = 30;

/** The calendar quarter (UTC) holding `instant`: [start, end) as instants and its first and last day. */
export function quarterOf(instant: Date) {
  const year = instant.getUTCFullYear();
  const firstMonth = Math.floor(instant.getUTCMonth() / 3) * 3;
  const start = new Date(Date.UTC(year, firstMonth, 1));
  const end = new Date(Date.UTC(year, firstMonth + 3, 1));
  const lastDay = new Date(end.getTime() - DAY_MS);
  return { start, end, from: start.toISOString().slice(0, 10), to: lastDay.toISOString().slice(0, 10) };
}

/** The caller's calendar day holding `now`, in their zone: [dayStart, dayEnd) as instants. */
function callersDay(now: Date, timeZone: string): { dayStart: Date; dayEnd: Date } {
  const today = dayIn(now, timeZone);
  return {
    dayStart: startOfDayIn(toIsoDate(today), timeZone),
    dayEnd: startOfDayIn(toIsoDate(addDays(today, 1)), timeZone),
  };
}

/** `{value: 0}` for every value, then the counted ones. */
function countsOf<Key extends string>(keys: readonly Key[], rows: Iterable<[string, number]>): Record<Key, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<Key, number>;
  for (const [key, count] of rows) if (key in counts) counts[key as Key] += count;
  return counts;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const cents = (value: number) => Math.round(value * 100) / 100;

/** The caller's dashboard: every figure over what they may see, narrowed by owner and territory. */
export async function getDashboard(deps: Deps, viewer: Viewer, query: DashboardQuery): Promise<Dashboard> {
  const { db } = deps.database;
  const now = new Date();
  const scope: DashboardScope = {
    ownerIds: resolvePeople(query.ownerId ?? [], viewer),
    territoryIds: query.territoryId ?? [],
  };
  const quarter = quarterOf(now);
  const currency = query.currency ?? deps.config.defaultCurrency;

  const activityWindow = { from: new Date(now.getTime() - ACTIVITY_WINDOW_DAYS * DAY_MS), to: now };
  const taskMoments = { now, ...callersDay(now, query.timeZone ?? 'UTC') };
  // The record rollups hold the whole of what a viewer sees; a dashboard narrowed by owner or territory
  // reads the records (through the owner and territory indexes, so a narrowed one is small too).
  const narrowed = scope.ownerIds.length > 0 || scope.territoryIds.length > 0;
  const [accountRows, leadRows, dealRows, activityRows, taskCounts] = await Promise.all([
    narrowed ? countAccountsByType(db, viewer, scope) : countAccountsByTypeFromRollups(db, viewer),
    narrowed ? countLeads(db, viewer, scope) : countLeadsFromRollups(db, viewer),
    measureDealsByStage(db, viewer, scope, {
      closedFrom: quarter.from,
      closedTo: quarter.end.toISOString().slice(0, 10),
    }),
    narrowed
      ? countActivitiesByType(db, viewer, scope, activityWindow)
      : countActivitiesByTypeFromRollups(db, viewer, activityWindow),
    narrowed ? countOpenTasks(db, viewer, scope, taskMoments) : countOpenTasksFromRollups(db, viewer, taskMoments),
  ]);

  const openLeads = leadRows.filter((row) => row.status === 'open');
  const leadsWith = (status: string) =>
    leadRows.filter((row) => row.status === status).reduce((sum, row) => sum + row.count, 0);
  const allLeads = leadRows.reduce((sum, row) => sum + row.count, 0);
  const converted = leadsWith('converted');

  const stageRow = (stage: string): DealStageRow =>
    dealRows.find((row) => row.currency === currency && row.stage === stage) ?? {
      currency,
      stage,
      count: 0,
      amount: 0,
      weighted_amount: 0,
    };
  const byStage = openStages.map((stage) => {
    const row = stageRow(stage);
    return { stage, count: row.count, value: row.amount, weightedValue: row.weighted_amount };
  });
  const won = stageRow('closed_won');
  const lost = stageRow('closed_lost');
  // A deal won in another currency is still a deal won: counts and the win rate take every currency,
  // only the money (and the average, which divides it) is limited to the dashboard's one.
  const closedInAnyCurrency = (stage: string) =>
    dealRows.filter((row) => row.stage === stage).reduce((sum, row) => sum + row.count, 0);
  const wonCount = closedInAnyCurrency('closed_won');
  const lostCount = closedInAnyCurrency('closed_lost');

  return {
    generatedAt: now.toISOString(),
    currency,
    accounts: {
      total: accountRows.reduce((sum, row) => sum + row.count, 0),
      byType: countsOf(
        accountTypes,
        accountRows.map((row) => [row.type, row.count]),
      ),
    },
    leads: {
      open: leadsWith('open'),
      bySource: countsOf(
        leadSources,
        openLeads.map((row) => [row.source, row.count]),
      ),
      byStage: countsOf(
        leadStages,
        openLeads.map((row) => [row.stage, row.count]),
      ),
      converted,
      disqualified: leadsWith('disqualified'),
      conversionRate: ratio(converted, allLeads),
    },
    pipeline: {
      count: byStage.reduce((sum, row) => sum + row.count, 0),
      value: cents(byStage.reduce((sum, row) => sum + row.value, 0)),
      weightedValue: cents(byStage.reduce((sum, row) => sum + row.weightedValue, 0)),
      byStage,
    },
    quarter: {
      from: quarter.from,
      to: quarter.to,
      won: { count: wonCount, amount: won.amount },
      lost: { count: lostCount, amount: lost.amount },
      winRate: ratio(wonCount, wonCount + lostCount),
      averageDealSize: won.count === 0 ? null : cents(won.amount / won.count),
    },
    activities: {
      last30Days: activityRows.reduce((sum, row) => sum + row.count, 0),
      byType: countsOf(
        activityTypes,
        activityRows.map((row) => [row.type, row.count]),
      ),
    },
    tasks: { open: taskCounts.open, overdue: taskCounts.overdue, dueToday: taskCounts.due_today },
    otherCurrencies: otherCurrencies(dealRows, currency),
  };
}

/** The deals the figures leave out, per currency: open ones, and those closed this quarter. */
function otherCurrencies(rows: DealStageRow[], currency: string) {
  const byCurrency = new Map<string, { currency: string; openDeals: number; closedThisQuarter: number }>();
  for (const row of rows) {
    if (row.currency === currency) continue;
    const entry = byCurrency.get(row.currency) ?? { currency: row.currency, openDeals: 0, closedThisQuarter: 0 };
    if (isClosedStage(row.stage as OpportunityStage)) entry.closedThisQuarter += row.count;
    else entry.openDeals += row.count;
    byCurrency.set(row.currency, entry);
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
