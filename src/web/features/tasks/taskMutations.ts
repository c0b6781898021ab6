import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/contracts/common.js';
import type { Task, TaskStatus, UpdateTaskInput } from '../../../shared/contracts/tasks.js';
import { api } from '../../api/client.js';
import {
  notifyFailure,
  notifySaved,
  notifyUndoable,
  refreshAfterWrite,
  useDeleteWithUndo,
} from '../../lib/mutations.js';

/** PATCH of a task as it was read (If-Match its version). */
export function patchTask(task: Task, changes: UpdateTaskInput) {
  return api.patch<Task>(`/tasks/${task.id}`, changes, { headers: { 'if-match': `"${task.version}"` } });
}

/**
 * A new due time, and the reminder moved by as much: a reminder left after the new due time would be
 * refused, and one before it was meant to come that long before.
 */
export function rescheduleChanges(task: Task, dueAt: string): UpdateTaskInput {
  if (!task.reminderAt || !task.dueAt) return { dueAt };
  const shift = new Date(dueAt).getTime() - new Date(task.dueAt).getTime();
  return { dueAt, reminderAt: new Date(new Date(task.reminderAt).getTime() + shift).toISOString() };
}

/** Sets a task's status back (Undo of a completion or a cancellation, reopening a completed one). */
async function restoreStatus(task: Task, status: TaskStatus) {
  await patchTask(task, { status });
}

/**
 * One-click completion: the task leaves every list on screen at once, and comes back if the server
 * refuses. The notice offers Undo, which sets the status it had back.
 */
export function useCompleteTask() {
  const queryClient = useQueryClient();
  const refresh = (id: string) => refreshAfterWrite(queryClient, ['tasks'], id);
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
    onError: (error, task, context) => {
      for (const [key, page] of context?.snapshots ?? []) queryClient.setQueryData(key, page);
      notifyFailure(error, { title: 'The task was not completed', onReload: () => refresh(task.id) });
    },
    onSuccess: (done, before) =>
      notifyUndoable(`Done: ${done.title}`, async () => {
        try {
          await restoreStatus(done, before.status);
          notifySaved(`Reopened: ${done.title}`);
        } catch (error) {
          notifyFailure(error, { title: 'The task is still done' });
        }
        refresh(done.id);
      }),
    onSettled: (_answer, _error, task) => refresh(task.id),
  });
}

/** A status change from a menu (cancel, reopen), with Undo. */
export function useSetTaskStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ task, status }: { task: Task; status: TaskStatus }) => patchTask(task, { status }),
    onSuccess: (saved, { task }) => {
      refreshAfterWrite(queryClient, ['tasks'], saved.id);
      const said = saved.status === 'cancelled' ? 'Cancelled' : 'Reopened';
      notifyUndoable(`${said}: ${saved.title}`, async () => {
        try {
          await restoreStatus(saved, task.status);
        } catch (error) {
          notifyFailure(error, { title: 'The change was not undone' });
        }
        refreshAfterWrite(queryClient, ['tasks'], saved.id);
      });
    },
    onError: (error, { task }) =>
      notifyFailure(error, { onReload: () => refreshAfterWrite(queryClient, ['tasks'], task.id) }),
  });
}

export function useDeleteTask() {
  return useDeleteWithUndo<Task>('tasks', 'task', (task) => task.title);
}
