import { and, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { WorkloadRow } from '../../../shared/contracts/tasks.js';
import type { Db } from '../../db/client.js';
import { tasks, users } from '../../db/schema/index.js';
import { accountInTerritories } from '../../platform/record-links.js';
import type { Viewer } from '../../platform/viewer.js';
import { isPendingTask, visibleTasks } from './tasks.repository.js';

/** Narrowing of the report; an absent list narrows nothing. */
export type WorkloadScope = { assigneeIds?: string[]; territoryIds?: string[] };

/** One aggregate over the visible pending tasks, grouped by assignee; tasks without one are left out. */
export async function workloadByAssignee(
  db: Db,
  viewer: Viewer,
  scope: WorkloadScope,
  at: { now: Date; week: { start: Date; end: Date } },
): Promise<WorkloadRow[]> {
  const count = (condition?: ReturnType<typeof and>) =>
    condition ? sql<number>`(count(*) filter (where ${condition}))::int` : sql<number>`count(*)::int`;
  return db
    .select({
      userId: users.id,
      name: users.name,
      open: count(),
      overdue: count(lt(tasks.dueAt, at.now)),
      dueThisWeek: count(and(gte(tasks.dueAt, at.week.start), lt(tasks.dueAt, at.week.end))),
    })
    .from(tasks)
    .innerJoin(users, eq(users.id, tasks.assigneeId))
    .where(
      and(
        isNull(tasks.deletedAt),
        isPendingTask(),
        visibleTasks(viewer),
        scope.assigneeIds ? inArray(tasks.assigneeId, scope.assigneeIds) : undefined,
        accountInTerritories(viewer, tasks.accountId, scope.territoryIds),
      ),
    )
    .groupBy(users.id, users.name)
    .orderBy(users.name, users.id);
}
