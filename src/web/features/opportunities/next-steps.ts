import { keepPreviousData, useQueries } from '@tanstack/react-query';
import type { Activity, ActivityType } from '../../../shared/contracts/activities.js';
import type { Page } from '../../../shared/contracts/common.js';
import type { Task } from '../../../shared/contracts/tasks.js';
import { api } from '../../api/client.js';
import { IDS_PER_CALL, idBatches } from '../../api/hooks.js';

/**
 * A deal's next step, as its board card shows it (Pipedrive's "next activity"): the planned activity or the
 * open task linked to the deal that is due first. `at` is null only for a task with no due date, which
 * counts when nothing dated is planned.
 */
export type NextStep = {
  kind: 'activity' | 'task';
  /** What sort of work: the activity's type or the task's type, as stored (`call`, `follow_up`). */
  type: string;
  subject: string;
  at: string | null;
};

/**
 * The activity types that are work still to do. A note is a record of something said, never a next step,
 * even when someone gave it a date.
 */
const plannedWorkTypes = ['call', 'email', 'meeting', 'visit', 'task'] as const satisfies readonly ActivityType[];

/** Pages read per batch of deals and per kind; past that, a deal's later work is not looked for. */
const PAGES_PER_BATCH = 5;

const stepOfActivity = (activity: Activity): NextStep => ({
  kind: 'activity',
  type: activity.type,
  subject: activity.subject,
  at: activity.scheduledAt,
});

const stepOfTask = (task: Task): NextStep => ({ kind: 'task', type: task.type, subject: task.title, at: task.dueAt });

/** Whether `candidate` comes before `current`: the earlier date first, and any date before none. */
function comesFirst(candidate: NextStep, current: NextStep | undefined): boolean {
  if (!current) return true;
  if (candidate.at === null) return false;
  if (current.at === null) return true;
  return Date.parse(candidate.at) < Date.parse(current.at);
}

/**
 * `deal id → its next step` from planned activities and open tasks linked to deals. Activities without a
 * time and notes are not steps; a task without a due date is, after every dated one.
 */
export function nextStepsByDeal(activities: readonly Activity[], tasks: readonly Task[]): Map<string, NextStep> {
  const next = new Map<string, NextStep>();
  const offer = (dealId: string | null, step: NextStep) => {
    if (dealId && comesFirst(step, next.get(dealId))) next.set(dealId, step);
  };
  for (const activity of activities) {
    if (activity.status === 'planned' && activity.scheduledAt && activity.type !== 'note') {
      offer(activity.opportunityId, stepOfActivity(activity));
    }
  }
  for (const task of tasks) {
    if (task.status === 'open' || task.status === 'in_progress') offer(task.opportunityId, stepOfTask(task));
  }
  return next;
}

/** Whether a step's time has passed: the card says it in red, with a warning sign and how long ago. */
export const isOverdue = (step: NextStep, now = Date.now()) => step.at !== null && Date.parse(step.at) < now;

/**
 * The earliest records of a list, soonest first, for a batch of deals (`opportunityId=a,b,…`): pages are
 * read until every deal has its first record or PAGES_PER_BATCH run out.
 */
async function firstPerDeal<Item extends { opportunityId: string | null }>(
  resource: 'activities' | 'tasks',
  filters: string,
  batch: readonly string[],
  signal: AbortSignal,
): Promise<Item[]> {
  const items: Item[] = [];
  const dealsSeen = new Set<string>();
  let cursor: string | null = null;
  for (let page = 0; page < PAGES_PER_BATCH && dealsSeen.size < batch.length; page += 1) {
    const query = `opportunityId=${batch.join(',')}&${filters}&limit=${IDS_PER_CALL}`;
    const result: Page<Item> = await api.get<Page<Item>>(
      `/${resource}?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { signal },
    );
    for (const item of result.data) {
      items.push(item);
      if (item.opportunityId) dealsSeen.add(item.opportunityId);
    }
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** The cards' next steps, under one key: a write to an activity or a task refreshes them (refreshAfterWrite). */
export const nextStepsKey = ['next-steps'] as const;

/**
 * `deal id → its next step`, for the board's cards: per hundred deals, one call for their planned
 * activities and one for their open tasks (each soonest first), never a call per card.
 */
export function useNextSteps(dealIds: readonly string[]): (dealId: string) => NextStep | undefined {
  const results = useQueries({
    queries: idBatches(dealIds).map((batch) => ({
      queryKey: [...nextStepsKey, batch],
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        const [activities, tasks] = await Promise.all([
          firstPerDeal<Activity>(
            'activities',
            `status=planned&type=${plannedWorkTypes.join(',')}&sort=scheduledAt`,
            batch,
            signal,
          ),
          firstPerDeal<Task>('tasks', 'status=open,in_progress&sort=dueAt', batch, signal),
        ]);
        return nextStepsByDeal(activities, tasks);
      },
      staleTime: 60_000,
      placeholderData: keepPreviousData,
    })),
  });
  return (dealId) => {
    for (const result of results) {
      const step = result.data?.get(dealId);
      if (step) return step;
    }
    return undefined;
  };
}
