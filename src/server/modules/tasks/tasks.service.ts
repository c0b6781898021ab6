import { v7 as uuidv7 } from 'uuid';
import type {
  CreateTaskInput,
  ListTasksQuery,
  Recurrence,
  Task,
  UpdateTaskInput,
} from '../../../shared/contracts/tasks.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { tasks } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { enqueueJob } from '../../jobs/queue.js';
import { taskRemindersJob } from '../../jobs/task-reminders.job.js';
import { staleVersion } from '../../platform/concurrency.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import { changedRecordLinks, checkRecordLinks, type RecordLinks } from '../../platform/record-links.js';
import { updateVersionedRow } from '../../platform/versioned-rows.repository.js';
import type { Viewer } from '../../platform/viewer.js';
import { mayChange } from '../../platform/visibility.js';
import { recordChange } from '../audit/audit.service.js';
import { preferencesOf } from '../preferences/preferences.repository.js';
import { requireAssignableUser } from '../users/users.service.js';
import {
  anchorDayOf,
  nextOccurrence,
  recurrenceColumns,
  recurrenceOf,
  requireRepeatableTask,
} from './task-recurrence.js';
import { completionOf, requireReminderBeforeDue } from './task-rules.js';
import { findVisibleTask, insertTask, listTasks as listTaskRows, type TaskRow, toTask } from './tasks.repository.js';

const ENTITY = 'tasks';

function lifecycle(viewer: Viewer): Lifecycle<typeof tasks, Task> {
  return {
    table: tasks,
    entity: ENTITY,
    label: 'task',
    // Locked, so a change and a completion (or the reminder job) of the same task queue instead of racing.
    find: (tx, id, options) => findVisibleTask(tx, viewer, id, { ...options, lock: true }),
    toApi: (row) => toTask(row),
    authorize: (row) => requireChangeRight(viewer, row),
  };
}

export function listTasks(deps: Deps, viewer: Viewer, query: ListTasksQuery) {
  return listTaskRows(deps.database.db, viewer, query);
}

export async function getTask(deps: Deps, viewer: Viewer, id: string): Promise<Task> {
  const row = await findVisibleTask(deps.database.db, viewer, id);
  if (!row) throw notFound('task');
  return toTask(row);
}

/** Creates a task assigned to an active user (the caller by default), linked to records the caller can see. */
export async function createTask(
  deps: Deps,
  viewer: Viewer,
  input: CreateTaskInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<Task> {
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, async (tx) => {
    const dueAt = dateOrNull(input.dueAt);
    const reminderAt = dateOrNull(input.reminderAt);
    requireReminderBeforeDue(reminderAt, dueAt);
    const assigneeId = input.assigneeId ?? viewer.userId;
    const timeZone = await timeZoneOf(tx, assigneeId, input.recurrence);
    requireRepeatableTask(input.recurrence, dueAt, timeZone);
    await requireAssignableUser(tx, viewer, assigneeId, 'assigneeId');
    const links = await checkRecordLinks(tx, viewer, linksOf(input), { required: false });
    const row = await insertTask(tx, {
      id: uuidv7(),
      title: input.title,
      description: input.description,
      type: input.type,
      priority: input.priority,
      dueAt,
      reminderAt,
      assigneeId,
      createdById: viewer.userId,
      ...completionOf(input.status, null, new Date()),
      ...recurrenceColumns(input.recurrence),
      repeatDay: anchorDayOf(dueAt, input.recurrence, timeZone),
      ...links,
    });
    const task = toTask(row);
    await recordChange(tx, viewer, { action: 'create', entity: ENTITY, entityId: task.id, before: null, after: task });
    await scheduleReminderRun(tx, row);
    return task;
  });
  return result;
}

/**
 * Partial change. A new reminder time re-arms the reminder (clears remindedAt); moving the status to or
 * from completed sets or clears completedAt (and completing a repeating task makes its next occurrence);
 * changed links are checked again as a whole.
 */
export async function updateTask(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateTaskInput,
  expectedVersion: number | undefined,
): Promise<Task> {
  const { after } = await inTransaction(deps.database.db, async (tx) => {
    const changed = await changeRecord(tx, viewer, lifecycle(viewer), id, {
      expectedVersion,
      prepare: async (current) => {
        const { recurrence, ...fields } = input;
        const dueAt = input.dueAt === undefined ? current.dueAt : dateOrNull(input.dueAt);
        const reminderAt = input.reminderAt === undefined ? current.reminderAt : dateOrNull(input.reminderAt);
        requireReminderBeforeDue(reminderAt, dueAt);
        const repeats = recurrence === undefined ? recurrenceOf(current) : recurrence;
        const assigneeId = input.assigneeId ?? current.assigneeId;
        const timeZone = await timeZoneOf(tx, assigneeId, repeats);
        requireRepeatableTask(repeats, dueAt, timeZone);
        // A new rule or a new due day sets the day of the month the series keeps to.
        const anchorMoved = recurrence !== undefined || input.dueAt !== undefined;
        if (input.assigneeId) await requireAssignableUser(tx, viewer, input.assigneeId, 'assigneeId');
        const reminderMoved = reminderAt?.getTime() !== current.reminderAt?.getTime();
        const columns = {
          ...fields,
          dueAt,
          reminderAt,
          ...(recurrence === undefined ? {} : recurrenceColumns(recurrence)),
          ...(anchorMoved ? { repeatDay: anchorDayOf(dueAt, repeats, timeZone) } : {}),
          ...(reminderMoved ? { remindedAt: null } : {}),
          ...(input.status ? completionOf(input.status, current.completedAt, new Date()) : {}),
          ...(await changedLinks(tx, viewer, current, input)),
        };
        const completing = input.status === 'completed' && isPending(current.status);
        return completing ? { ...columns, ...(await continueSeries(tx, viewer, { ...current, ...columns })) } : columns;
      },
    });
    await scheduleReminderRun(tx, changed.row);
    return changed;
  });
  return after;
}

export async function deleteTask(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, (tx) => softDeleteRecord(tx, viewer, lifecycle(viewer), id, expectedVersion));
}

export function restoreTask(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<Task> {
  return inTransaction(deps.database.db, (tx) => restoreRecord(tx, viewer, lifecycle(viewer), id, expectedVersion));
}

/** Marks an open or in-progress task completed now; a completed or cancelled one is `409`. */
export function completeTask(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<Task> {
  return inTransaction(deps.database.db, async (tx) => {
    const current = await findVisibleTask(tx, viewer, id, { lock: true });
    if (!current) throw notFound('task');
    requireChangeRight(viewer, current);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw staleVersion(current.version);
    if (!isPending(current.status)) {
      throw new AppError('conflict', `the task is ${current.status} and cannot be completed again`, {
        details: { taskStatus: current.status },
      });
    }
    const completion = completionOf('completed', null, new Date());
    const next = await continueSeries(tx, viewer, { ...current, ...completion });
    const row = await updateVersionedRow(
      tx,
      tasks,
      id,
      { ...completion, ...next },
      {
        expectedVersion: current.version,
      },
    );
    // The row is locked, so it cannot have changed since it was read.
    if (!row) throw staleVersion(current.version + 1);
    const before = toTask(current);
    const after = toTask(row);
    await recordChange(tx, viewer, { action: 'complete', entity: ENTITY, entityId: id, before, after });
    return after;
  });
}

const isPending = (status: string) => status === 'open' || status === 'in_progress';

/** The assignee's time zone (UTC without one), read only for a repeating task (its end and its day). */
async function timeZoneOf(tx: Db, assigneeId: string | null, recurrence: Recurrence | null): Promise<string> {
  if (!assigneeId || !recurrence) return 'UTC';
  const [preferences] = await preferencesOf(tx, [assigneeId]);
  return preferences?.timeZone ?? 'UTC';
}

/**
 * The next occurrence of a repeating task being completed (`task` as it is about to be saved): a new open
 * task like it, due one interval on (task-recurrence.ts) with its reminder as far ahead of the due time,
 * made once per occurrence (`nextTaskId`, answered here to be saved with the completion). Audited as
 * made by whoever completed the task, and created by the task's creator. Nothing after the series' end.
 */
async function continueSeries(tx: Db, viewer: Viewer, task: TaskRow): Promise<{ nextTaskId?: string }> {
  const recurrence = recurrenceOf(task);
  if (!recurrence || task.nextTaskId || !task.dueAt) return {};
  const [preferences] = task.assigneeId ? await preferencesOf(tx, [task.assigneeId]) : [];
  const dueAt = nextOccurrence(task.dueAt, recurrence, preferences?.timeZone ?? 'UTC', new Date(), task.repeatDay);
  if (!dueAt) return {};
  const row = await insertTask(tx, {
    id: uuidv7(),
    title: task.title,
    description: task.description,
    type: task.type,
    priority: task.priority,
    dueAt,
    reminderAt: task.reminderAt ? new Date(dueAt.getTime() - (task.dueAt.getTime() - task.reminderAt.getTime())) : null,
    assigneeId: task.assigneeId,
    createdById: task.createdById,
    ...completionOf('open', null, new Date()),
    ...recurrenceColumns(recurrence),
    repeatDay: task.repeatDay,
    ...linksOf(task),
  });
  const next = toTask(row);
  await recordChange(tx, viewer, { action: 'create', entity: ENTITY, entityId: next.id, before: null, after: next });
  await scheduleReminderRun(tx, row);
  return { nextTaskId: row.id };
}

/** The assignee, the creator, anyone above either of them, and admins may change a task. */
function requireChangeRight(viewer: Viewer, row: TaskRow) {
  const people = [row.assigneeId, row.createdById].filter((person): person is string => person !== null);
  if (people.length === 0 ? mayChange(viewer, null) : people.some((person) => mayChange(viewer, person))) return;
  throw new AppError('forbidden', "only the task's assignee, its creator, their managers and admins may change it");
}

function linksOf(source: Partial<RecordLinks>): RecordLinks {
  return {
    accountId: source.accountId ?? null,
    contactId: source.contactId ?? null,
    leadId: source.leadId ?? null,
    opportunityId: source.opportunityId ?? null,
  };
}

/**
 * The link columns to write when the change touches a link, checked as a whole as an activity's are:
 * links the change leaves alone are kept, so a contact of another account than the linked one is refused
 * unless the change names that account too.
 */
async function changedLinks(tx: Db, viewer: Viewer, current: TaskRow, input: UpdateTaskInput) {
  const next = changedRecordLinks(current, input);
  return next ? checkRecordLinks(tx, viewer, next, { required: false }) : {};
}

function dateOrNull(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

/**
 * A reminder goes out at its minute, not up to a minute later with the job's every-minute run: a run of
 * the reminder job is queued for its time (one per instant, however many tasks share it), in the
 * transaction that sets it.
 */
async function scheduleReminderRun(tx: Db, row: TaskRow): Promise<void> {
  if (!row.reminderAt || row.remindedAt || row.reminderAt.getTime() <= Date.now()) return;
  await enqueueJob(
    tx,
    taskRemindersJob,
    {},
    {
      runAt: row.reminderAt,
      singletonKey: `${taskRemindersJob.name}:at:${row.reminderAt.toISOString()}`,
    },
  );
}
