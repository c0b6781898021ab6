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
import { seriesSentence } from './recurrence.js';

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

/**
 * What to say once a task is completed (`said`, "Done: Call Anna"): for a repeating one, when the next one
 * is due, read from the task the server made (`nextTaskId`), or that the series has ended. A next one that
 * cannot be read leaves the notice as it was rather than guess.
 */
export async function completionNotice(done: Task, said: string): Promise<string> {
  if (!done.recurrence) return said;
  const next = done.nextTaskId ? await api.get<Task>(`/tasks/${done.nextTaskId}`).catch(() => null) : null;
  const more = seriesSentence(done, next);
  return more ? `${said}. ${more}` : said;
}

/** Sets a task's status back (Undo of a completion or a cancellation, reopening a completed one). */
async function restoreStatus(task: Task, status: TaskStatus) {
  await patchTask(task, { status });
}

/**
 * One-click completion: the task leaves every list on screen at once, and comes back if the server
 * refuses. The notice offers Undo, which sets the status it had back, and for a repeating task says when
 * the next one is due; the lists are refreshed once it is known, so the next one shows with the notice.
 * Undo leaves that next one where it is: the server makes one per occurrence, so completing the reopened
 * task again makes no other.
 */
export function useCompleteTask() {
  const queryClient = useQueryClient();
  const refresh = (id: string) => refreshAfterWrite(queryClient, ['tasks'], id);
  return useMutation({
    mutationFn: async (task: Task) => {
      const done = await api.post<Task>(`/tasks/${task.id}/complete`);
      return { done, notice: await completionNotice(done, `Done: ${done.title}`) };
    },
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
    onSuccess: ({ done, notice }, before) =>
      notifyUndoable(notice, async () => {
        try {
          await restoreStatus(done, before.status);
          notifySaved(`Reopened: ${done.title}${seriesAfterStatus({ ...done, status: 'open' })}`);
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
      notifyUndoable(`${said}: ${saved.title}${seriesAfterStatus(saved)}`, async () => {
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

/**
 * A repeating task's series after a status change: cancelling one not yet followed ends it (the server
 * makes no next one from a cancelled task); reopening one leaves the next one made when it was completed.
 */
function seriesAfterStatus(saved: Task): string {
  if (!saved.recurrence) return '';
  if (saved.status === 'cancelled' && !saved.nextTaskId) return '. It will not repeat';
  if (saved.status === 'open' && saved.nextTaskId) return '. Its next one stays on the list';
  return '';
}

export function useDeleteTask() {
  return useDeleteWithUndo<Task>('tasks', 'task', (task) => task.title);
}
