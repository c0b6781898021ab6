import type { Activity, VisitPosition } from '../../../shared/contracts/activities.js';
import { AppError } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import type { activities } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { changeRecord } from '../../platform/record-lifecycle.js';
import type { Viewer } from '../../platform/viewer.js';
import { type ActivityRow, findAccountLocation, lockActivity } from './activities.repository.js';
import { activityLifecycle } from './activities.service.js';
import { haversineMeters } from './haversine.js';

type VisitStep = 'check-in' | 'check-out';

/**
 * Records where and when a rep arrived at (check-in) or left (check-out) a field visit, how far that was
 * from the linked account, and flags the visit when either was beyond the configured radius. Only visits
 * take them; check-in comes first and each happens once (otherwise `409`).
 */
export function recordVisitStep(
  deps: Deps,
  viewer: Viewer,
  id: string,
  step: VisitStep,
  position: VisitPosition,
  expectedVersion: number | undefined,
): Promise<Activity> {
  return inTransaction(deps.database.db, async (tx) => {
    // Two check-ins sent at once (a flaky connection retrying) queue here; the second sees the first.
    await lockActivity(tx, id);
    const { after } = await changeRecord(tx, viewer, activityLifecycle(viewer), id, {
      expectedVersion,
      prepare: async (current) => {
        requireStepAllowed(current, step);
        const distanceMeters = await distanceFromAccount(tx, current, position);
        const far = distanceMeters !== null && distanceMeters > deps.config.visitRadiusMeters;
        const columns = stepColumns(step, position, distanceMeters);
        return {
          ...columns,
          ...timeOnSite(current, columns.checkOutAt),
          farFromAccount: current.farFromAccount || far,
        };
      },
    });
    return after;
  });
}

function requireStepAllowed(visit: ActivityRow, step: VisitStep) {
  const refuse = (message: string) =>
    new AppError('conflict', message, { errors: [{ path: 'status', message: `cannot ${step}` }] });
  if (visit.type !== 'visit') throw refuse(`only visits take a ${step}; this activity is a ${visit.type}`);
  if (visit.status === 'cancelled') throw refuse(`a cancelled visit takes no ${step}`);
  if (step === 'check-in') {
    if (visit.checkInAt !== null) throw refuse('the visit is already checked into');
    if (visit.status === 'completed') throw refuse('a completed visit cannot be checked into');
  } else {
    if (visit.checkInAt === null) throw refuse('check in to the visit before checking out');
    if (visit.checkOutAt !== null) throw refuse('the visit is already checked out of');
  }
}

/** Metres from the linked account's location; null when there is no account or it has no location. */
export async function distanceFromAccount(
  tx: Db,
  visit: ActivityRow,
  position: Pick<VisitPosition, 'lat' | 'lng'>,
): Promise<number | null> {
  if (visit.accountId === null) return null;
  const account = await findAccountLocation(tx, visit.accountId);
  if (!account) return null;
  const meters = haversineMeters({ lat: account.latitude, lng: account.longitude }, position);
  // Centimetres are noise for a phone's GPS; round so answers and audit rows stay readable.
  return Math.round(meters * 100) / 100;
}

/**
 * A visit checked in and out lasted the time between the two, whatever was planned: that is the time
 * spent at the customer which reports add up. Whole minutes, as the field holds; a week at most.
 */
function timeOnSite(visit: ActivityRow, checkOutAt: Date | null | undefined): { durationMinutes?: number } {
  if (!checkOutAt || !visit.checkInAt) return {};
  const minutes = Math.round((checkOutAt.getTime() - visit.checkInAt.getTime()) / 60_000);
  return { durationMinutes: Math.min(Math.max(minutes, 0), MAX_DURATION_MINUTES) };
}

const MAX_DURATION_MINUTES = 10_080;

function stepColumns(
  step: VisitStep,
  position: VisitPosition,
  distanceMeters: number | null,
): Partial<typeof activities.$inferInsert> {
  const at = new Date();
  return step === 'check-in'
    ? {
        checkInAt: at,
        checkInLatitude: position.lat,
        checkInLongitude: position.lng,
        checkInAccuracy: position.accuracy,
        checkInDistanceMeters: distanceMeters,
      }
    : {
        checkOutAt: at,
        checkOutLatitude: position.lat,
        checkOutLongitude: position.lng,
        checkOutAccuracy: position.accuracy,
        checkOutDistanceMeters: distanceMeters,
      };
}
