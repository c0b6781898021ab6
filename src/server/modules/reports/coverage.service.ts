import type { AccountType } from '../../../shared/contracts/accounts.js';
import type {
  CoverageAccount,
  CoverageAccountPage,
  CoverageAccountsQuery,
  CoverageGroup,
  CoverageMeasures,
  CoverageQuery,
  CoverageReport,
} from '../../../shared/contracts/coverage.js';
import type { Deps } from '../../deps.js';
import { resolvePeople, type Viewer } from '../../platform/viewer.js';
import {
  aggregateCoverage,
  type CoverageAccountRow,
  type CoverageGroupRow,
  type CoverageScope,
  type CoverageWindow,
  listCoverageAccounts,
} from './coverage.repository.js';
import { coverageSortKeys } from './coverage-keyset.js';

/*
 * Territory coverage: which accounts the field team visited in the last `days` days and which it
 * neglected. `now` is a parameter (the moment of the request by default) so that a test can fix it.
 */

const DAY_MS = 86_400_000;
const NO_TERRITORY = 'No territory';
const NO_OWNER = 'No owner';

function coverageWindow(days: number, now: Date): CoverageWindow {
  return { since: new Date(now.getTime() - days * DAY_MS), asOf: now };
}

function coverageScope(viewer: Viewer, query: CoverageQuery | CoverageAccountsQuery): CoverageScope {
  return {
    territoryIds: query.territoryId,
    ownerIds: query.ownerId && resolvePeople(query.ownerId, viewer),
    types: query.type,
  };
}

/** Per territory or owner: accounts, those visited in the window, the rate, those with a visit ahead. */
export async function getCoverageReport(
  deps: Deps,
  viewer: Viewer,
  query: CoverageQuery,
  now = new Date(),
): Promise<CoverageReport> {
  const window = coverageWindow(query.days, now);
  const rows = await aggregateCoverage(deps.database.db, viewer, query.groupBy, window, coverageScope(viewer, query));
  const missing = query.groupBy === 'territory' ? NO_TERRITORY : NO_OWNER;
  const totals = rows.find((row) => row.isTotal);
  const data: CoverageGroup[] = rows
    .filter((row) => !row.isTotal)
    .map((row) => ({ key: row.key, label: row.key === null ? missing : (row.label ?? missing), ...measuresOf(row) }))
    .sort((a, b) => Number(a.key === null) - Number(b.key === null) || a.label.localeCompare(b.label));
  return {
    groupBy: query.groupBy,
    days: query.days,
    since: window.since.toISOString(),
    asOf: window.asOf.toISOString(),
    data,
    // The empty grouping set answers a row even over no accounts; the fallback only satisfies the types.
    totals: totals ? measuresOf(totals) : noMeasures,
  };
}

const noMeasures: CoverageMeasures = {
  accounts: 0,
  visited: 0,
  coverageRate: null,
  withPlannedVisit: 0,
  dueForVisit: 0,
  lastVisitAt: null,
};

function measuresOf(row: CoverageGroupRow): CoverageMeasures {
  return {
    accounts: row.accounts,
    visited: row.visited,
    coverageRate: row.accounts === 0 ? null : row.visited / row.accounts,
    withPlannedVisit: row.withPlannedVisit,
    dueForVisit: row.dueForVisit,
    lastVisitAt: row.lastVisitAt?.toISOString() ?? null,
  };
}

/** One page of the accounts behind the figures: by default the most valuable unvisited first. */
export async function listCoverageAccountsPage(
  deps: Deps,
  viewer: Viewer,
  query: CoverageAccountsQuery,
  now = new Date(),
): Promise<CoverageAccountPage> {
  const window = coverageWindow(query.days, now);
  const keys = coverageSortKeys(query.sort);
  const rows = await listCoverageAccounts(deps.database.db, viewer, {
    window,
    scope: coverageScope(viewer, query),
    status: query.status,
    sort: query.sort,
    after: query.cursor === undefined ? undefined : keys.decode(query.cursor),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    days: query.days,
    since: window.since.toISOString(),
    asOf: window.asOf.toISOString(),
    data: page.map((row) => toCoverageAccount(row, now)),
    nextCursor: rows.length > query.limit && last ? keys.cursorAfter(last) : null,
  };
}

function toCoverageAccount(row: CoverageAccountRow, now: Date): CoverageAccount {
  return {
    id: row.id,
    name: row.name,
    type: row.type as AccountType,
    city: row.city,
    territoryId: row.territoryId,
    ownerId: row.ownerId,
    annualRevenue: row.annualRevenue,
    location: row.latitude === null || row.longitude === null ? null : { lat: row.latitude, lng: row.longitude },
    lastVisitAt: row.lastVisitAt?.toISOString() ?? null,
    // A visit completed a moment ahead of this clock (completion allows for clock skew) is 0 days ago.
    daysSinceLastVisit:
      row.lastVisitAt === null ? null : Math.max(0, Math.floor((now.getTime() - row.lastVisitAt.getTime()) / DAY_MS)),
    nextPlannedVisitAt: row.nextPlannedVisitAt?.toISOString() ?? null,
    visitEveryDays: row.visitEveryDays,
    visitDueAt: row.visitDueAt?.toISOString() ?? null,
    visitDue: row.visitEveryDays !== null && (row.visitDueAt === null || row.visitDueAt.getTime() <= now.getTime()),
  };
}
