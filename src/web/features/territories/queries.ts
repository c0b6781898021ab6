import type { QueryClient } from '@tanstack/react-query';

/** After a change to territories: their lists and the list behind pickers, filters and names. */
export function invalidateTerritories(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: ['territories'] });
}
