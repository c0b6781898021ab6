import { v7 as uuidv7 } from 'uuid';
import type {
  ActivityLocationInput,
  CompleteActivityInput,
  CompletedActivity,
} from '../../../shared/contracts/activities.js';
import type { Task } from '../../../shared/contracts/tasks.js';
import { AppError } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { changeRecord } from '../../platform/record-lifecycle.js';
import { pickRecordLinks } from '../../platform/record-links.js';
import type { Viewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import { insertTask, toTask } from '../tasks/tasks.repository.js';
import { requireAssignableUser } from '../users/users.service.js';
import { type ActivityRow, lockActivity } from './activities.repository.js';
import { activityLifecycle, locationColumns, rescoreLinkedLeads } from './activities.service.js';
import { haversineMeters } from './haversine.js';
import { distanceFromAccount } from './visits.service.js';

/** The resource name of tasks in audit rows, as in their API path. */
const TASK_ENTITY = 'tasks';

/**
 * Completes a planned activity: status, completedAt, outcome (and next steps and location when given),
 * and the follow-up task in the same transaction, so there is never a completed activity whose promised
 * follow-up is missing. Completing twice, or completing a cancelled activity, is `409`.
 */
export function completeActivity(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: CompleteActivityInput,
  expectedVersion: number | undefined,
): Promise<CompletedActivity> {
  return inTransaction(deps.database.db, async (tx) => {
    await lockActivity(tx, id);
    const { after, row } = await changeRecord(tx, viewer, activityLifecycle(viewer), id, {
      expectedVersion,
      prepare: async (current) => {
        requireCompletable(current);
        return {
          status: 'completed',
          completedAt: new Date(),
          outcome: input.outcome,
          ...(input.nextSteps === undefined ? {} : { nextSteps: input.nextSteps }),
          ...(input.location ? await completedAt(deps, tx, current, input.location) : {}),
        };
      },
    });
    const followUpTask = input.followUpTask ? await createFollowUpTask(tx, viewer, row, input.followUpTask) : null;
    await rescoreLinkedLeads(tx, [after.leadId]);
    return { ...after, followUpTask };
  });
}

/**
 * Where the activity was done, as the completion gives it. A visit completed away from its account is
 * flagged as a check-in or check-out there would be: the position is measured against the account the
 * same way. A position without an address keeps the planned address when it is at the planned place
 * (within the visit radius of it); elsewhere the planned address would be wrong, so it goes.
 */
async function completedAt(deps: Deps, tx: Db, activity: ActivityRow, location: ActivityLocationInput) {
  const radius = deps.config.visitRadiusMeters;
  const planned =
    activity.latitude !== null && activity.longitude !== null
      ? { lat: activity.latitude, lng: activity.longitude }
      : null;
  const atPlannedPlace = planned !== null && haversineMeters(planned, location) <= radius;
  const address = location.address ?? (atPlannedPlace ? activity.locationAddress : null);
  const columns = locationColumns({ ...location, address });
  if (activity.type !== 'visit') return columns;
  const distance = await distanceFromAccount(tx, activity, location);
  const far = distance !== null && distance > radius;
  return { ...columns, farFromAccount: activity.farFromAccount || far };
}

function requireCompletable(activity: ActivityRow) {
  if (activity.status === 'completed') {
    throw new AppError('conflict', 'the activity is already completed', {
      errors: [{ path: 'status', message: 'already completed' }],
    });
  }
  if (activity.status === 'cancelled') {
    throw new AppError('conflict', 'a cancelled activity cannot be completed; set it back to planned first', {
      errors: [{ path: 'status', message: 'cancelled' }],
    });
  }
}

/**
 * The task carries the activity's links; it is the activity owner's to do unless someone else is named,
 * and, as for any task, the assignee must be an active user.
 */
async function createFollowUpTask(
  tx: Db,
  viewer: Viewer,
  activity: ActivityRow,
  followUp: NonNullable<CompleteActivityInput['followUpTask']>,
): Promise<Task> {
  const assigneeId = followUp.assigneeId ?? activity.ownerId ?? viewer.userId;
  await requireAssignableUser(tx, viewer, assigneeId, 'followUpTask.assigneeId');
  const row = await insertTask(tx, {
    id: uuidv7(),
    title: followUp.title,
    description: null,
    type: followUp.type,
    priority: followUp.priority,
    status: 'open',
    dueAt: new Date(followUp.dueAt),
    assigneeId,
    createdById: viewer.userId,
    ...pickRecordLinks(activity),
  });
  const task = toTask(row);
  await recordChange(tx, viewer, {
    action: 'create',
    entity: TASK_ENTITY,
    entityId: task.id,
    before: null,
    after: task,
  });
  return task;
}
