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

export const dashboardQuery = (scope: URLSearchParams) => ({
  queryKey: ['dashboard', scope.toString()],
  queryFn: ({ signal }: { signal?: AbortSignal }) =>
    api.get<Dashboard>(withScope('/dashboard', scope), signal ? { signal } : {}),
});

/** Asks for the figures while the page's code is still loading, so they arrive together. */
export function prefetchDashboard(queryClient: QueryClient, url: string) {
  void queryClient.prefetchQuery(dashboardQuery(scopeOf(new URL(url).searchParams)));
}
