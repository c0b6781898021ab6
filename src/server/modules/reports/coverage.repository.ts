import { and, isNull, type SQL, sql } from 'drizzle-orm';
import type { CoverageAccountSort, CoverageGrouping } from '../../../shared/contracts/coverage.js';
import { type Db, queryRows } from '../../db/client.js';
import { accounts, activities, territories, users } from '../../db/schema/index.js';
import { isAdmin, type Viewer } from '../../platform/viewer.js';
import { visibleAccounts } from '../../platform/visibility.js';
import { type CoverageCursor, coverageSortKeys } from './coverage-keyset.js';
import { oneOf } from './reports.repository.js';

/*
 * The SQL of territory coverage. Both statements read the accounts the viewer may see (the predicate of
 * every account read) with each one's latest completed visit and next planned one, from two small partial
 * indexes of live visits by account (activities_account_last_visit_idx, _planned_visit_idx), never from
 * the million other activities. An account's visits are visible with it (a record linked to a visible
 * account is visible), so they need no predicate of their own.
 */

/**
 * Due by the call cycle at `asOf`: a cycle, and no completed visit or the last one a cycle ago or more. The
 * rule of `accountIsDueForVisit` (accounts.repository: the account list, questions, route suggestions),
 * read here from the facts already gathered (their latest visit) at the report's own `asOf`.
 */
const isDueForVisit = (asOf: Date) =>
  sql`(facts.visit_every_days is not null
    and (facts.last_visit_at is null or facts.visit_due_at <= ${asOf.toISOString()}::timestamptz))`;

/** Which accounts are counted: live, visible, narrowed by the filters given (an empty one narrows nothing). */
export type CoverageScope = {
  territoryIds?: string[] | undefined;
  ownerIds?: string[] | undefined;
  types?: string[] | undefined;
};

/** The window: a visit completed at or after `since` covers its account; `asOf` is now. */
export type CoverageWindow = { since: Date; asOf: Date };

const isLiveVisit = sql`${activities.type} = 'visit' and ${activities.deletedAt} is null`;
const isCompleted = sql`${activities.status} = 'completed'`;
/** A visit still planned for after `asOf`: an overdue planned visit is no plan. */
const isPlannedAfter = (asOf: Date) =>
  sql`${activities.status} = 'planned' and ${activities.scheduledAt} > ${asOf.toISOString()}::timestamptz`;

/**
 * Joins that give each account in `accounts` its visit facts: `last_visits.last_visit_at` (the latest
 * completed visit, any time) and `planned_visits.next_planned_visit_at` (the earliest visit planned after
 * `asOf`), each null when there is none. Two shapes with the same answer, because no one plan suits
 * both ends (bench: 100k accounts, 1M activities, 219k completed visits):
 * - over every account (an admin, not narrowed), one pass over each visit index grouped by account and
 *   hashed against the accounts: ~2,300 buffers, where a probe per account read ~600,000 and took 3-4
 *   times longer;
 * - over a part (anyone else, or narrowed), a probe per account, reading one index entry each: a rep's
 *   4,700 accounts in ~40 ms, where grouping every visit of the company took ~180 ms.
 */
function visitFacts(asOf: Date, readsEveryAccount: boolean): SQL {
  if (readsEveryAccount) {
    return sql`
      left join (
        select ${activities.accountId} as account_id, max(${activities.completedAt}) as last_visit_at
        from ${activities} where ${isLiveVisit} and ${isCompleted}
        group by ${activities.accountId}
      ) as last_visits on last_visits.account_id = ${accounts.id}
      left join (
        select ${activities.accountId} as account_id, min(${activities.scheduledAt}) as next_planned_visit_at
        from ${activities} where ${isLiveVisit} and ${isPlannedAfter(asOf)}
        group by ${activities.accountId}
      ) as planned_visits on planned_visits.account_id = ${accounts.id}`;
  }
  return sql`
    left join lateral (
      select max(${activities.completedAt}) as last_visit_at from ${activities}
      where ${activities.accountId} = ${accounts.id} and ${isLiveVisit} and ${isCompleted}
    ) as last_visits on true
    left join lateral (
      select min(${activities.scheduledAt}) as next_planned_visit_at from ${activities}
      where ${activities.accountId} = ${accounts.id} and ${isLiveVisit} and ${isPlannedAfter(asOf)}
    ) as planned_visits on true`;
}

/** Whether the scope is every live account: no visibility predicate (an admin) and no narrowing. */
function readsEveryAccount(viewer: Viewer, scope: CoverageScope): boolean {
  return isAdmin(viewer) && !scope.territoryIds?.length && !scope.ownerIds?.length && !scope.types?.length;
}

/** The live accounts of the scope with their visit facts, as the rows of a `facts` subquery. */
function accountFacts(viewer: Viewer, scope: CoverageScope, asOf: Date): SQL {
  return sql`
    select ${accounts.id} as id, ${accounts.name} as name, ${accounts.type} as type, ${accounts.city} as city,
      ${accounts.territoryId} as territory_id, ${accounts.ownerId} as owner_id,
      ${accounts.annualRevenue} as annual_revenue, ${accounts.latitude} as latitude,
      ${accounts.longitude} as longitude, ${accounts.visitEveryDays} as visit_every_days,
      last_visits.last_visit_at, planned_visits.next_planned_visit_at,
      last_visits.last_visit_at + ${accounts.visitEveryDays} * interval '1 day' as visit_due_at
    from ${accounts}
    ${visitFacts(asOf, readsEveryAccount(viewer, scope))}
    where ${scopedAccounts(viewer, scope)}`;
}

function scopedAccounts(viewer: Viewer, scope: CoverageScope): SQL {
  return (
    and(
      isNull(accounts.deletedAt),
      visibleAccounts(viewer),
      oneOf(accounts.territoryId, scope.territoryIds),
      oneOf(accounts.ownerId, scope.ownerIds),
      oneOf(accounts.type, scope.types),
    ) ?? sql`true`
  );
}

export type CoverageGroupRow = {
  key: string | null;
  label: string | null;
  accounts: number;
  visited: number;
  withPlannedVisit: number;
  dueForVisit: number;
  lastVisitAt: Date | null;
  isTotal: boolean;
};

function groupingOf(groupBy: CoverageGrouping): { key: SQL; label: SQL; joins: SQL } {
  switch (groupBy) {
    case 'territory':
      return {
        key: sql`facts.territory_id`,
        label: sql`${territories.name}`,
        joins: sql`left join ${territories} on ${territories.id} = facts.territory_id`,
      };
    case 'owner':
      return {
        key: sql`facts.owner_id`,
        label: sql`${users.name}`,
        joins: sql`left join ${users} on ${users.id} = facts.owner_id`,
      };
    default: {
      const unhandled: never = groupBy;
      throw new Error(`unknown coverage grouping ${String(unhandled)}`);
    }
  }
}

/** Coverage per territory or owner, plus the grand total (`isTotal`), in one statement; groups unordered. */
export async function aggregateCoverage(
  db: Db,
  viewer: Viewer,
  groupBy: CoverageGrouping,
  window: CoverageWindow,
  scope: CoverageScope,
): Promise<CoverageGroupRow[]> {
  const grouping = groupingOf(groupBy);
  const since = sql`${window.since.toISOString()}::timestamptz`;
  const rows = await queryRows<{
    key: string | null;
    label: string | null;
    accounts: number;
    visited: number;
    with_planned_visit: number;
    due_for_visit: number;
    last_visit_at: string | Date | null;
    is_total: boolean;
  }>(
    db,
    sql`
      with facts as (${accountFacts(viewer, scope, window.asOf)})
      select ${grouping.key}::text as key, ${grouping.label} as label, count(*)::int as accounts,
        (count(*) filter (where facts.last_visit_at >= ${since}))::int as visited,
        (count(*) filter (where facts.next_planned_visit_at is not null))::int as with_planned_visit,
        (count(*) filter (where ${isDueForVisit(window.asOf)}))::int as due_for_visit,
        max(facts.last_visit_at) as last_visit_at,
        grouping(${grouping.key}, ${grouping.label}) <> 0 as is_total
      from facts
      ${grouping.joins}
      group by grouping sets ((${grouping.key}, ${grouping.label}), ())`,
  );
  return rows.map((row) => ({
    key: row.key,
    label: row.label,
    accounts: row.accounts,
    visited: row.visited,
    withPlannedVisit: row.with_planned_visit,
    dueForVisit: row.due_for_visit,
    lastVisitAt: toDate(row.last_visit_at),
    isTotal: row.is_total,
  }));
}

export type CoverageAccountRow = {
  id: string;
  name: string;
  type: string;
  city: string | null;
  territoryId: string | null;
  ownerId: string | null;
  annualRevenue: number | null;
  latitude: number | null;
  longitude: number | null;
  lastVisitAt: Date | null;
  nextPlannedVisitAt: Date | null;
  visitEveryDays: number | null;
  visitDueAt: Date | null;
};

export type CoverageAccountStatus = 'unvisited' | 'visited' | 'due' | 'all';

/**
 * One page of the accounts behind the coverage figures, in one statement: `limit` rows after `after` (a
 * keyset position) in the order of `sort`. The status is known only once an account's visits are looked
 * up, so the sort runs over the scope's accounts; the page's order includes the id, so it is total.
 */
export async function listCoverageAccounts(
  db: Db,
  viewer: Viewer,
  options: {
    window: CoverageWindow;
    scope: CoverageScope;
    status: CoverageAccountStatus;
    sort: CoverageAccountSort;
    after: CoverageCursor | undefined;
    limit: number;
  },
): Promise<CoverageAccountRow[]> {
  const since = sql`${options.window.since.toISOString()}::timestamptz`;
  const statusCondition =
    options.status === 'unvisited'
      ? sql`(facts.last_visit_at is null or facts.last_visit_at < ${since})`
      : options.status === 'visited'
        ? sql`facts.last_visit_at >= ${since}`
        : options.status === 'due'
          ? isDueForVisit(options.window.asOf)
          : undefined;
  const keys = coverageSortKeys(options.sort);
  const rows = await queryRows<{
    id: string;
    name: string;
    type: string;
    city: string | null;
    territory_id: string | null;
    owner_id: string | null;
    annual_revenue: string | number | null;
    latitude: number | null;
    longitude: number | null;
    last_visit_at: string | Date | null;
    next_planned_visit_at: string | Date | null;
    visit_every_days: number | null;
    visit_due_at: string | Date | null;
  }>(
    db,
    sql`
      select facts.* from (${accountFacts(viewer, options.scope, options.window.asOf)}) as facts
      where ${and(statusCondition, options.after && keys.after(options.after)) ?? sql`true`}
      order by ${keys.orderBy}
      limit ${options.limit}`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    type: row.type,
    city: row.city,
    territoryId: row.territory_id,
    ownerId: row.owner_id,
    annualRevenue: row.annual_revenue === null ? null : Number(row.annual_revenue),
    latitude: row.latitude,
    longitude: row.longitude,
    lastVisitAt: toDate(row.last_visit_at),
    nextPlannedVisitAt: toDate(row.next_planned_visit_at),
    visitEveryDays: row.visit_every_days,
    visitDueAt: toDate(row.visit_due_at),
  }));
}

/** Raw SQL answers timestamps as the driver decodes them: a Date from pg, a string from some paths. */
function toDate(value: string | Date | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}
