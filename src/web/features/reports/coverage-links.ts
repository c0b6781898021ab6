import {
  type CoverageAccountSort,
  type CoverageGrouping,
  coverageAccountSorts,
  coverageStatuses,
} from '../../../shared/contracts/coverage.js';

/*
 * The coverage report's list of accounts keeps what it shows in the report's URL, under the API's own
 * parameter names (`status`, `sort`), so a figure of the report can link to it, filtered as it counts.
 */

export type CoverageStatus = (typeof coverageStatuses)[number];

export const DEFAULT_STATUS: CoverageStatus = 'unvisited';
export const DEFAULT_SORT: CoverageAccountSort = '-annualRevenue';

/** The id of the list on the page: a link to it scrolls there once the report has drawn. */
export const ACCOUNTS_ANCHOR = 'coverage-accounts';

/** The list's status and sort from the report's URL; the defaults for anything missing or unknown. */
export function coverageListState(search: URLSearchParams): { status: CoverageStatus; sort: CoverageAccountSort } {
  const status = search.get('status');
  const sort = search.get('sort');
  return {
    status: coverageStatuses.find((known) => known === status) ?? DEFAULT_STATUS,
    sort: coverageAccountSorts.find((known) => known === sort) ?? DEFAULT_SORT,
  };
}

/** The report's URL with the list's status and sort set; the defaults are left out, as the other choices are. */
export function withCoverageListState(
  search: URLSearchParams,
  state: { status?: CoverageStatus; sort?: CoverageAccountSort },
): URLSearchParams {
  const params = new URLSearchParams(search);
  for (const [key, value, fallback] of [
    ['status', state.status, DEFAULT_STATUS],
    ['sort', state.sort, DEFAULT_SORT],
  ] as const) {
    if (value === undefined) continue;
    if (value === fallback) params.delete(key);
    else params.set(key, value);
  }
  return params;
}

/**
 * The report narrowed to one group (its territory or owner, as the scope filters narrow it) with the list
 * below showing the accounts due for a visit, the longest overdue first; the whole report's when no group.
 */
export function dueAccountsLink(search: URLSearchParams, group?: { by: CoverageGrouping; key: string }): string {
  const params = withCoverageListState(search, { status: 'due', sort: 'visitDueAt' });
  if (group) params.set(group.by === 'owner' ? 'ownerId' : 'territoryId', group.key);
  return `/reports/coverage?${params}#${ACCOUNTS_ANCHOR}`;
}
