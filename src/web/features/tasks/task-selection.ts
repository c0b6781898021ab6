import dayjs from 'dayjs';
import type { Task, UpdateTaskInput } from '../../../shared/contracts/tasks.js';
import { rescheduleChanges } from './taskMutations.js';

/*
 * The words and changes of the tasks page's selection (TaskSelection.tsx) that need no screen: kept apart so
 * they are unit-tested.
 */

/** What a task's new due time is when it has none: the task form's own default, 9:00. */
export const DEFAULT_DUE_TIME = '09:00';

export const isPending = (task: Pick<Task, 'status'>) => task.status === 'open' || task.status === 'in_progress';

/**
 * A due time moved to another day (`day`, `YYYY-MM-DD`) at the same time of day in the browser's time
 * zone, as the task form shows and takes due times; one without a due time gets 9:00, as a new task does.
 */
export function dueOnDay(dueAt: string | null, day: string): string {
  const time = dueAt ? dayjs(dueAt).format('HH:mm:ss.SSS') : `${DEFAULT_DUE_TIME}:00.000`;
  return dayjs(`${day}T${time}`).toISOString();
}

/**
 * What moving a task to another day sends: the new due time, and its reminder moved by as much (as the
 * row's own Reschedule… does), so a reminder an hour before stays an hour before.
 */
export function rescheduleToDay(task: Task, day: string): UpdateTaskInput {
  return rescheduleChanges(task, dueOnDay(task.dueAt, day));
}

/**
 * Said after completing several tasks, of the repeating ones among them (the server made the next one
 * of each): "1 repeats: its next one is on the list." "2 were the last of their series." Empty for one-offs.
 */
export function seriesAfterCompleting(done: readonly Pick<Task, 'recurrence' | 'nextTaskId'>[]): string {
  const repeating = done.filter((task) => task.recurrence);
  const going = repeating.filter((task) => task.nextTaskId).length;
  const ended = repeating.length - going;
  const said: string[] = [];
  if (going === 1) said.push('1 repeats: its next one is on the list.');
  if (going > 1) said.push(`${going} repeat: their next ones are on the list.`);
  if (ended === 1) said.push('1 was the last of its series.');
  if (ended > 1) said.push(`${ended} were the last of their series.`);
  return said.join(' ');
}

/**
 * Said when the selection holds tasks an action for tasks still to do (Reschedule…, Mark complete) leaves
 * alone: "1 completed or cancelled task was left as it is." Empty when there is none.
 */
export function leftAsTheyAre(amount: number): string {
  if (amount === 0) return '';
  return amount === 1
    ? '1 completed or cancelled task was left as it is.'
    : `${amount} completed or cancelled tasks were left as they are.`;
}
