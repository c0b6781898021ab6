import { eq, gte, ilike, inArray, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { ListTasksQuery, Task } from '../../../shared/contracts/tasks.js';
import type { Db } from '../../db/client.js';
import { tasks } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { accountInTerritories, linkConditions, visibleLinkedRecords } from '../../platform/record-links.js';
import { resolvePeople, type Viewer } from '../../platform/viewer.js';
import { visibleRecords } from '../../platform/visibility.js';
import { escapeLike } from '../users/users.repository.js';
import { recurrenceOf } from './task-recurrence.js';

export type TaskRow = typeof tasks.$inferSelect;

/**
 * Work still to do. Written as a literal list (not bound parameters) so the planner can prove the
 * predicate of the partial indexes tasks_assignee_due_idx and tasks_reminder_idx from it.
 */
export const isPendingTask = (): SQL => sql`${tasks.status} in ('open', 'in_progress')`;

export function isOverdueTask(row: Pick<TaskRow, 'status' | 'dueAt'>, now: Date): boolean {
  return (row.status === 'open' || row.status === 'in_progress') && row.dueAt !== null && row.dueAt < now;
}

export function toTask(row: TaskRow, now = new Date()): Task {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    type: row.type as Task['type'],
    priority: row.priority as Task['priority'],
    status: row.status as Task['status'],
    dueAt: row.dueAt ? row.dueAt.toISOString() : null,
    reminderAt: row.reminderAt ? row.reminderAt.toISOString() : null,
    assigneeId: row.assigneeId,
    createdById: row.createdById,
    completedAt: row.completedAt ? row.completedAt.toISOString() : null,
    accountId: row.accountId,
    contactId: row.contactId,
    leadId: row.leadId,
    opportunityId: row.opportunityId,
    recurrence: recurrenceOf(row),
    nextTaskId: row.nextTaskId,
    overdue: isOverdueTask(row, now),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/**
 * A task is visible when the viewer's team is its assignee or its creator, or a record it is linked to
 * is visible (API.md "Visibility": records they own or are assigned, and records tied to their accounts).
 */
export function visibleTasks(viewer: Viewer): SQL | undefined {
  const linked = visibleLinkedRecords(viewer, {
    accountId: tasks.accountId,
    leadId: tasks.leadId,
    opportunityId: tasks.opportunityId,
    assigneeId: tasks.assigneeId,
  });
  // Admins get no predicate from either; for everyone else the creator's team sees the task too.
  return linked === undefined ? undefined : or(linked, visibleRecords(viewer, { people: [tasks.createdById] }));
}

/**
 * Sorts. A task without a due date sorts after every dated one in either direction (coalesced to
 * infinity ascending, to -infinity descending). When the filter already excludes undated tasks (overdue, a due range), the plain column
 * gives the same order and lets the planner walk tasks_assignee_due_idx / tasks_due_idx instead of
 * sorting: "my overdue tasks by due date" reads one index range. No index matches the coalesced form
 * (the schema indexes the bare column), so an unbounded dueAt sort is sorted; the default, newest
 * first, walks tasks_created_at_idx.
 */
function taskSorts(dueAtIsSet: boolean, descending: boolean): SortFields<TaskRow> {
  const undated = descending ? '-infinity' : 'infinity';
  return {
    dueAt: dueAtIsSet
      ? { expression: tasks.dueAt, type: 'timestamptz', value: (row) => row.dueAt }
      : {
          expression: sql`coalesce(${tasks.dueAt}, ${sql.raw(`'${undated}'`)}::timestamptz)`,
          type: 'timestamptz',
          value: (row) => row.dueAt ?? undated,
        },
    createdAt: { expression: tasks.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
    updatedAt: { expression: tasks.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
  };
}

function overdueFilter(overdue: boolean | undefined, now: Date): SQL | undefined {
  if (overdue === undefined) return undefined;
  if (overdue) return allOf(isPendingTask(), lt(tasks.dueAt, now));
  return or(sql`${tasks.status} not in ('open', 'in_progress')`, isNull(tasks.dueAt), gte(tasks.dueAt, now));
}

export async function listTasks(db: Db, viewer: Viewer, query: ListTasksQuery) {
  const now = new Date();
  const dueAtIsSet = query.overdue === true || query.dueAtFrom !== undefined || query.dueAtTo !== undefined;
  const keyset = keysetPage({
    fields: taskSorts(dueAtIsSet, query.sort?.startsWith('-') ?? false),
    sort: query.sort,
    defaultSort: '-createdAt',
    cursor: query.cursor,
    idColumn: tasks.id,
  });
  const filter = allOf(
    isNull(tasks.deletedAt),
    visibleTasks(viewer),
    query.status ? inArray(tasks.status, query.status) : undefined,
    query.priority ? inArray(tasks.priority, query.priority) : undefined,
    query.type ? inArray(tasks.type, query.type) : undefined,
    query.assigneeId ? inArray(tasks.assigneeId, resolvePeople(query.assigneeId, viewer)) : undefined,
    query.createdById ? inArray(tasks.createdById, resolvePeople(query.createdById, viewer)) : undefined,
    ...linkConditions(tasks, query),
    accountInTerritories(viewer, tasks.accountId, query.territoryId),
    query.dueAtFrom ? gte(tasks.dueAt, new Date(query.dueAtFrom)) : undefined,
    query.dueAtTo ? lte(tasks.dueAt, new Date(query.dueAtTo)) : undefined,
    overdueFilter(query.overdue, now),
    query.completedAtFrom ? gte(tasks.completedAt, new Date(query.completedAtFrom)) : undefined,
    query.completedAtTo ? lte(tasks.completedAt, new Date(query.completedAtTo)) : undefined,
    query.reminderAtFrom ? gte(tasks.reminderAt, new Date(query.reminderAtFrom)) : undefined,
    query.reminderAtTo ? lte(tasks.reminderAt, new Date(query.reminderAtTo)) : undefined,
    query.createdAtFrom ? gte(tasks.createdAt, new Date(query.createdAtFrom)) : undefined,
    query.createdAtTo ? lte(tasks.createdAt, new Date(query.createdAtTo)) : undefined,
    query.updatedAtFrom ? gte(tasks.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(tasks.updatedAt, new Date(query.updatedAtTo)) : undefined,
    query.q ? ilike(tasks.title, `%${escapeLike(query.q)}%`) : undefined,
  );
  const rows = await db
    .select()
    .from(tasks)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(tasks, filter) : undefined;
  return {
    data: page.rows.map((row) => toTask(row, now)),
    nextCursor: page.nextCursor,
    ...(total === undefined ? {} : { total }),
  };
}

/**
 * The task if the viewer may see it. With `lock` the row stays locked until the transaction ends, so a
 * change, a completion and a reminder being raised never act on a task another one has just changed.
 */
export async function findVisibleTask(
  db: Db,
  viewer: Viewer,
  id: string,
  options: { includeDeleted?: boolean; lock?: boolean } = {},
): Promise<TaskRow | undefined> {
  const query = db
    .select()
    .from(tasks)
    .where(allOf(eq(tasks.id, id), visibleTasks(viewer), options.includeDeleted ? undefined : isNull(tasks.deletedAt)));
  const [row] = await (options.lock ? query.for('update', { of: tasks }) : query);
  return row;
}

export async function insertTask(db: Db, row: typeof tasks.$inferInsert): Promise<TaskRow> {
  const [inserted] = await db.insert(tasks).values(row).returning();
  return inserted as TaskRow;
}
