import type { QueryClient } from '@tanstack/react-query';
import type { Dashboard } from '../../../shared/contracts/dashboard.js';
import { api } from '../../api/client.js';
import { withScope } from './scope.js';

/** The owner and territory of the overview's URL, as the dashboard API takes them. */
export function scopeOf(search: URLSearchParams) {
  const scope = new URLSearchParams();
  for (const key of ['ownerId', 'territoryId']) {
    const value = search.get(key);
    if (value) scope.set(key, value);
  }
  return scope;
}

/**
 * The browser's IANA time zone: the dashboard counts the tasks due today in the caller's day, as the tasks
 * page groups them and as the "due today" link asks for them, rather than in UTC.
 */
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export const dashboardQuery = (scope: URLSearchParams) => ({
  queryKey: ['dashboard', scope.toString()],
  queryFn: ({ signal }: { signal?: AbortSignal }) =>
    api.get<Dashboard>(withScope('/dashboard', scope, { timeZone: browserTimeZone() }), signal ? { signal } : {}),
});

/** Asks for the figures while the page's code is still loading, so they arrive together. */
export function prefetchDashboard(queryClient: QueryClient, url: string) {
  void queryClient.prefetchQuery(dashboardQuery(scopeOf(new URL(url).searchParams)));
}
