import type { QueryClient } from '@tanstack/react-query';

/**
 * After a change to users: every users query (lists, the directory behind pickers and names, `me`), since
 * a name, role or manager shows in all of them.
 */
export function invalidateUsers(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: ['users'] });
}
