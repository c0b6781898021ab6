import { v7 as uuidv7 } from 'uuid';
import type {
  Activity,
  ActivityLocationInput,
  ActivityStatus,
  CreateActivityInput,
  ListActivitiesQuery,
  UpdateActivityInput,
} from '../../../shared/contracts/activities.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { activities } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import { changedRecordLinks, checkRecordLinks, pickRecordLinks } from '../../platform/record-links.js';
import type { Viewer } from '../../platform/viewer.js';
import { mayChange } from '../../platform/visibility.js';
import { recordChange } from '../audit/audit.service.js';
import { rescoreLead } from '../leads/leads.service.js';
import { requireOwner } from '../users/users.service.js';
import {
  type ActivityRow,
  findAccountPlace,
  findVisibleActivity,
  insertActivity,
  listActivities as listActivityRows,
  toActivity,
} from './activities.repository.js';

export const ACTIVITY_ENTITY = 'activities';

export function activityLifecycle(viewer: Viewer): Lifecycle<typeof activities, Activity> {
  return {
    table: activities,
    entity: ACTIVITY_ENTITY,
    label: 'activity',
    find: (tx, id, options) => findVisibleActivity(tx, viewer, id, options),
    toApi: toActivity,
    authorize: (row) => requireChangeRight(viewer, row),
  };
}

export function listActivities(deps: Deps, viewer: Viewer, query: ListActivitiesQuery) {
  return listActivityRows(deps.database.db, viewer, query);
}

export async function getActivity(deps: Deps, viewer: Viewer, id: string): Promise<Activity> {
  const row = await findVisibleActivity(deps.database.db, viewer, id);
  if (!row) throw notFound('activity');
  return toActivity(row);
}

/**
 * Creates an activity linked to at least one record the viewer can see (links checked and completed by
 * checkRecordLinks). An activity created as completed (a call already made) gets completedAt now unless
 * given; completedAt on any other status is refused rather than silently dropped.
 */
export async function createActivity(
  deps: Deps,
  viewer: Viewer,
  input: CreateActivityInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<Activity> {
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, async (tx) => {
    const links = await checkRecordLinks(tx, viewer, pickRecordLinks(input), { required: true });
    const ownerId = input.ownerId === undefined ? viewer.userId : input.ownerId;
    await requireOwner(tx, viewer, ownerId);
    if (input.completedAt !== null && input.status !== 'completed') throw completedAtWithoutCompletion();
    requireCompletedByNow(input.completedAt);
    requireTimeToFix(input.fixedTime, input.scheduledAt);
    const completedAt =
      input.status === 'completed' ? (input.completedAt === null ? new Date() : new Date(input.completedAt)) : null;
    const row = await insertActivity(tx, {
      id: uuidv7(),
      type: input.type,
      subject: input.subject,
      description: input.description,
      status: input.status,
      scheduledAt: input.scheduledAt === null ? null : new Date(input.scheduledAt),
      fixedTime: input.fixedTime,
      durationMinutes: input.durationMinutes,
      completedAt,
      outcome: input.outcome,
      nextSteps: input.nextSteps,
      ...locationColumns(input.location ?? (await plannedPlace(tx, input.type, links.accountId))),
      ownerId,
      ...links,
    });
    const activity = toActivity(row);
    await recordChange(tx, viewer, {
      action: 'create',
      entity: ACTIVITY_ENTITY,
      entityId: activity.id,
      before: null,
      after: activity,
    });
    await rescoreLinkedLeads(tx, [activity.leadId]);
    return activity;
  });
  return result;
}

export async function updateActivity(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateActivityInput,
  expectedVersion: number | undefined,
): Promise<Activity> {
  return inTransaction(deps.database.db, (tx) => changeActivity(tx, viewer, id, input, expectedVersion));
}

/**
 * The change of updateActivity in the caller's transaction: a planned route reschedules a day's visits
 * together, all or none.
 */
export async function changeActivity(
  tx: Db,
  viewer: Viewer,
  id: string,
  input: UpdateActivityInput,
  expectedVersion: number | undefined,
): Promise<Activity> {
  const { before, after } = await changeRecord(tx, viewer, activityLifecycle(viewer), id, {
    expectedVersion,
    prepare: (current) => prepareActivityChange(tx, viewer, current, input),
  });
  await rescoreLinkedLeads(tx, [before.leadId, after.leadId]);
  return after;
}

/**
 * A lead's score counts its recent activities, so logging, moving, completing or removing one re-scores
 * the leads it touches, in the same transaction.
 */
export async function rescoreLinkedLeads(tx: Db, leadIds: (string | null)[]): Promise<void> {
  for (const leadId of new Set(leadIds)) if (leadId) await rescoreLead(tx, leadId);
}

async function prepareActivityChange(
  tx: Db,
  viewer: Viewer,
  current: ActivityRow,
  input: UpdateActivityInput,
): Promise<Partial<typeof activities.$inferInsert>> {
  const { location, scheduledAt, completedAt, accountId, contactId, leadId, opportunityId, ...plain } = input;
  const links = changedRecordLinks(current, { accountId, contactId, leadId, opportunityId });
  const checkedLinks = links ? await checkRecordLinks(tx, viewer, links, { required: true }) : {};
  await requireOwner(tx, viewer, input.ownerId);
  if (input.type !== undefined && input.type !== 'visit' && current.checkInAt !== null) {
    throw new AppError('conflict', 'a visit that was checked into stays a visit', {
      errors: [{ path: 'type', message: 'the activity has a check-in' }],
    });
  }
  // The check-in's distance was measured from this account: at another, it would vouch for a visit that
  // never reached it.
  if (accountId !== undefined && accountId !== current.accountId && current.checkInAt !== null) {
    throw new AppError('conflict', 'a visit that was checked into stays at the account it was checked into', {
      errors: [{ path: 'accountId', message: 'the activity has a check-in at its account' }],
    });
  }
  const status = input.status ?? (current.status as ActivityStatus);
  if (status !== current.status) requireStatusTransition(current.status as ActivityStatus, status);
  if (completedAt !== undefined && status !== 'completed') throw completedAtWithoutCompletion();
  requireCompletedByNow(completedAt);
  requireTimeToFix(input.fixedTime ?? current.fixedTime, scheduledAt === undefined ? current.scheduledAt : scheduledAt);
  return {
    ...plain,
    ...checkedLinks,
    ...(location === undefined ? {} : locationColumns(location)),
    ...(scheduledAt === undefined ? {} : { scheduledAt: scheduledAt === null ? null : new Date(scheduledAt) }),
    ...(completedAt === undefined ? {} : { completedAt: completedAt === null ? null : new Date(completedAt) }),
    // Reopening a completed activity forgets when it was completed; its outcome stays as a record.
    ...(current.status === 'completed' && status === 'planned' ? { completedAt: null } : {}),
  };
}

/** An appointment is agreed for a time: an activity without one has nothing to keep fixed. */
function requireTimeToFix(fixedTime: boolean, scheduledAt: Date | string | null) {
  if (fixedTime && scheduledAt === null) {
    throw new AppError('invalid_request', 'a fixed time needs the time: set scheduledAt', {
      errors: [{ path: 'fixedTime', message: 'needs scheduledAt' }],
    });
  }
}

/**
 * The status moves a PATCH may make. Completing has its own call (outcome, follow-up task); a completed
 * activity happened and cannot be cancelled, only reopened as planned when completed by mistake.
 */
function requireStatusTransition(from: ActivityStatus, to: ActivityStatus) {
  if (to === 'completed') {
    throw new AppError('invalid_request', 'complete an activity with POST /activities/{id}/complete', {
      errors: [{ path: 'status', message: 'use the complete call' }],
    });
  }
  if (from === 'completed' && to === 'cancelled') {
    throw new AppError('conflict', 'a completed activity cannot be cancelled; reopen it as planned first', {
      errors: [{ path: 'status', message: 'invalid transition' }],
    });
  }
}

export async function deleteActivity(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, async (tx) => {
    const row = await softDeleteRecord(tx, viewer, activityLifecycle(viewer), id, expectedVersion);
    await rescoreLinkedLeads(tx, [row.leadId]);
  });
}

export function restoreActivity(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<Activity> {
  return inTransaction(deps.database.db, async (tx) => {
    const activity = await restoreRecord(tx, viewer, activityLifecycle(viewer), id, expectedVersion);
    await rescoreLinkedLeads(tx, [activity.leadId]);
    return activity;
  });
}

/** The location columns of a written location; null clears all three. */
/**
 * A visit planned without a place is planned at its account's, so it shows on the map and the route
 * from the start; other activities (a call, an e-mail) have no place unless given one.
 */
async function plannedPlace(tx: Db, type: Activity['type'], accountId: string | null) {
  if (type !== 'visit' || accountId === null) return null;
  return (await findAccountPlace(tx, accountId)) ?? null;
}

export function locationColumns(location: ActivityLocationInput | null) {
  return {
    latitude: location?.lat ?? null,
    longitude: location?.lng ?? null,
    locationAddress: location?.address ?? null,
  };
}

function requireChangeRight(viewer: Viewer, row: ActivityRow) {
  if (!mayChange(viewer, row.ownerId)) {
    throw new AppError('forbidden', "only the activity's owner, their managers and admins may change it");
  }
}

/** A few minutes of grace: a phone's clock a little ahead must not refuse a call it just logged. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** What was completed has happened: a completion time still to come is a typo, not a plan. */
function requireCompletedByNow(completedAt: string | null | undefined): void {
  if (!completedAt || Date.parse(completedAt) <= Date.now() + CLOCK_SKEW_MS) return;
  throw new AppError('invalid_request', 'an activity cannot have been completed in the future', {
    errors: [{ path: 'completedAt', message: 'must not be later than now; plan it with scheduledAt instead' }],
  });
}

function completedAtWithoutCompletion(): AppError {
  return new AppError('invalid_request', 'completedAt is only set on a completed activity', {
    errors: [{ path: 'completedAt', message: 'the activity is not completed' }],
  });
}
