import { and, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { openStages } from '../../../shared/contracts/opportunities.js';
import { type Db, queryRows } from '../../db/client.js';
import { accounts, activities, activityMoment, leads, tasks } from '../../db/schema/index.js';
import { accountInTerritories } from '../../platform/record-links.js';
import type { Viewer } from '../../platform/viewer.js';
import { visibleAccounts } from '../../platform/visibility.js';
import { visibleActivities } from '../activities/activities.repository.js';
import { visibleLeads } from '../leads/leads.repository.js';
import { visibleDealRollups } from '../reports/deal-rollups.repository.js';
import { oneOf } from '../reports/reports.repository.js';
import { visibleTasks } from '../tasks/tasks.repository.js';

/*
 * The dashboard's SQL: one aggregate query per area, each over live rows the viewer may see, narrowed
 * by owner and territory. Areas are independent, so the service runs them side by side.
 */

/** Narrowing of every area; an empty list narrows nothing. */
export type DashboardScope = { ownerIds: string[]; territoryIds: string[] };

const where = (...conditions: (SQL | undefined)[]) => and(...conditions) ?? sql`true`;

export async function countAccountsByType(db: Db, viewer: Viewer, scope: DashboardScope) {
  return queryRows<{ type: string; count: number }>(
    db,
    sql`select ${accounts.type} as type, count(*)::int as count from ${accounts}
      where ${where(
        isNull(accounts.deletedAt),
        visibleAccounts(viewer),
        oneOf(accounts.ownerId, scope.ownerIds),
        oneOf(accounts.territoryId, scope.territoryIds),
      )}
      group by ${accounts.type}`,
  );
}

/**
 * Leads per status, stage and source: at most 60 groups, from which every lead figure is summed. Grouped
 * in the order of leads_status_stage_idx, so the groups come off the index already sorted (no hashing
 * of 200,000 rows: an admin's count took 49 ms hashed).
 */
export async function countLeads(db: Db, viewer: Viewer, scope: DashboardScope) {
  return queryRows<{ status: string; source: string; stage: string; count: number }>(
    db,
    sql`select ${leads.status} as status, ${leads.stage} as stage, ${leads.source} as source, count(*)::int as count
      from ${leads}
      where ${where(
        isNull(leads.deletedAt),
        visibleLeads(viewer),
        oneOf(leads.ownerId, scope.ownerIds),
        oneOf(leads.territoryId, scope.territoryIds),
      )}
      group by ${leads.status}, ${leads.stage}, ${leads.source}`,
  );
}

export type DealStageRow = {
  currency: string;
  stage: string;
  count: number;
  amount: number;
  weighted_amount: number;
};

/**
 * Open deals, and deals closed in the months [closedFrom, closedTo) (UTC month starts, YYYY-MM-DD), per
 * currency and stage, from the deal rollups (their closed month is the UTC month of closed_at). The
 * dashboard's figures are those of one currency; the others say what those figures leave out.
 */
export async function measureDealsByStage(
  db: Db,
  viewer: Viewer,
  scope: DashboardScope,
  options: { closedFrom: string; closedTo: string },
): Promise<DealStageRow[]> {
  const deals = visibleDealRollups(
    viewer,
    scope,
    (table) => sql`(${inArray(table.stage, [...openStages])}
      or (${inArray(table.stage, ['closed_won', 'closed_lost'])}
        and ${table.closedMonth} >= ${options.closedFrom}::date and ${table.closedMonth} < ${options.closedTo}::date))`,
  );
  return queryRows<DealStageRow>(
    db,
    sql`select deals.currency, deals.stage, coalesce(sum(deals.deal_count), 0)::int as count,
        round(coalesce(sum(deals.amount), 0), 2)::float8 as amount,
        round(coalesce(sum(deals.weighted_amount), 0) / 100, 2)::float8 as weighted_amount
      from ${deals}
      group by deals.currency, deals.stage
      having sum(deals.deal_count) > 0`,
  );
}

/** Activities standing in [from, to) (done, else planned, else logged then), per type. */
export async function countActivitiesByType(
  db: Db,
  viewer: Viewer,
  scope: DashboardScope,
  window: { from: Date; to: Date },
) {
  const moment = activityMoment(activities);
  return queryRows<{ type: string; count: number }>(
    db,
    sql`select ${activities.type} as type, count(*)::int as count from ${activities}
      where ${where(
        isNull(activities.deletedAt),
        sql`${moment} >= ${window.from} and ${moment} < ${window.to}`,
        visibleActivities(viewer),
        oneOf(activities.ownerId, scope.ownerIds),
        accountInTerritories(viewer, activities.accountId, scope.territoryIds),
      )}
      group by ${activities.type}`,
  );
}

/**
 * Open tasks (open or in progress), those overdue at `now`, and those still due today: in [now, dayEnd).
 * A task due at 00:30 is overdue by 09:00 and no longer "due today", so the two tiles never count a task twice.
 */
export async function countOpenTasks(
  db: Db,
  viewer: Viewer,
  scope: DashboardScope,
  moments: { now: Date; dayStart: Date; dayEnd: Date },
) {
  const [row] = await queryRows<{ open: number; overdue: number; due_today: number }>(
    db,
    sql`select count(*)::int as open,
        (count(*) filter (where ${tasks.dueAt} < ${moments.now}))::int as overdue,
        (count(*) filter (where ${tasks.dueAt} >= ${moments.now} and ${tasks.dueAt} < ${moments.dayEnd}))::int
          as due_today
      from ${tasks}
      where ${where(
        isNull(tasks.deletedAt),
        inArray(tasks.status, ['open', 'in_progress']),
        visibleTasks(viewer),
        oneOf(tasks.assigneeId, scope.ownerIds),
        accountInTerritories(viewer, tasks.accountId, scope.territoryIds),
      )}`,
  );
  return row ?? { open: 0, overdue: 0, due_today: 0 };
}
