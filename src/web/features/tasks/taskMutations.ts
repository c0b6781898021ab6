import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/contracts/common.js';
import type { Task } from '../../../shared/contracts/tasks.js';
import { api } from '../../api/client.js';
import { invalidateLists, notifyFailure, notifySaved } from '../../lib/mutations.js';

/**
 * One-click completion: the task leaves every list on screen at once, and comes back if the server
 * refuses.
 */
export function useCompleteTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (task: Task) => api.post<Task>(`/tasks/${task.id}/complete`),
    onMutate: async (task) => {
      await queryClient.cancelQueries({ queryKey: ['tasks', 'list'] });
      const snapshots = queryClient.getQueriesData<Page<Task>>({ queryKey: ['tasks', 'list'] });
      for (const [key, page] of snapshots) {
        if (page?.data)
          queryClient.setQueryData<Page<Task>>(key, {
            ...page,
            data: page.data.map((item) =>
              item.id === task.id ? { ...item, status: 'completed', overdue: false } : item,
            ),
          });
      }
      return { snapshots };
    },
    onError: (error, _task, context) => {
      for (const [key, page] of context?.snapshots ?? []) queryClient.setQueryData(key, page);
      notifyFailure(error, { title: 'The task was not completed' });
    },
    onSuccess: (task) => notifySaved(`Done: ${task.title}`),
    onSettled: () => {
      invalidateLists(queryClient, 'tasks');
      void queryClient.invalidateQueries({ queryKey: ['timeline'] });
    },
  });
}
