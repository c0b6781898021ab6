import type { ActivityType } from '../../../shared/contracts/activities.js';
import { activities } from '../../db/schema/index.js';
import { haversineMeters } from '../../modules/activities/haversine.js';
import { defineDataset, type RowOf } from '../dataset.js';
import type { Rng } from '../random.js';
import { activityOutcomes, activitySubjects, nextStepsOptions } from '../work-vocabulary.js';
import type { accountsDataset } from './accounts.js';
import type { contactsDataset } from './contacts.js';
import type { opportunitiesDataset } from './opportunities.js';
import { accountOfRow, createLinkPicker } from './record-links.js';

export type ActivitiesOptions = {
  accounts: ReturnType<typeof accountsDataset>;
  contacts: ReturnType<typeof contactsDataset>;
  opportunities: ReturnType<typeof opportunitiesDataset>;
  /** Defaults to ten per account. */
  count?: number;
  /**
   * The moment scheduled times spread around (the past year and the next month). The dashboard and the
   * activity summary look back from the real clock, so this is the real "now" by default, not the
   * generator's fixed anchor.
   */
  now?: Date;
  /** A check-in further than this from the account is flagged, as the application does (metres). */
  visitRadiusMeters?: number;
};

export type ActivitiesOutput = { count: number };

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const types: readonly (readonly [ActivityType, number])[] = [
  ['call', 30],
  ['email', 18],
  ['meeting', 14],
  ['visit', 28],
  ['task', 5],
  ['note', 5],
];
const durationRange: Record<ActivityType, readonly [number, number] | null> = {
  call: [5, 30],
  email: null,
  meeting: [30, 90],
  visit: [30, 120],
  task: [15, 60],
  note: null,
};

/**
 * The work done on each account: ten activities per account by default, calls, e-mails, meetings and
 * field visits most of all, by the account's owner, scheduled over the past year and the next month.
 * Past ones are mostly completed (with outcome and next steps), some cancelled or still planned (late);
 * future ones are planned. Visits are located at the account; completed ones carry a GPS check-in and
 * check-out a few dozen metres away, and about one in twenty is checked in kilometres off and flagged,
 * as the application flags it. Each links to its account, often to one of its contacts or deals.
 */
export function activitiesDataset(options: ActivitiesOptions) {
  return defineDataset({
    name: 'activities',
    table: activities,
    dependsOn: [options.accounts, options.contacts, options.opportunities],
    expectedRows: options.count,
    // Rows reference other tables only.
    independentBatches: true,
    async *generate(rng, context) {
      const accounts = context.output(options.accounts);
      const count = options.count ?? accounts.count * 10;
      const pickLinks = createLinkPicker(
        accounts,
        context.output(options.contacts),
        context.output(options.opportunities),
        {
          contact: 0.5,
          opportunity: 0.25,
        },
      );
      const radius = options.visitRadiusMeters ?? 500;
      const nowMs = (options.now ?? new Date()).getTime();
      const links = rng.fork('links');
      const details = rng.fork('details');
      const times = rng.fork('times');
      const places = rng.fork('places');
      const ids = rng.fork('ids');

      // Columns that are always null here (description, address, lead, deleted_at) are left out of the
      // rows: they take their defaults, and a tenth fewer cells to encode and parse.
      let batch: RowOf<typeof activities>[] = [];
      for (let index = 0; index < count; index += 1) {
        const accountIndex = accountOfRow(index, count, accounts.count);
        const accountCreatedMs = accounts.createdAtMs[accountIndex] ?? nowMs;
        const type = details.weighted(types);
        const scheduledMs = Math.max(accountCreatedMs, nowMs + Math.floor(times.float(-365, 30) * DAY_MS));
        const past = scheduledMs < nowMs;
        const status = past
          ? details.weighted([
              ['completed', 85],
              ['cancelled', 5],
              ['planned', 10],
            ] as const)
          : 'planned';
        const range = durationRange[type];
        const durationMinutes = range ? details.int(range[0], range[1]) : null;
        const completedMs = status === 'completed' ? scheduledMs + (durationMinutes ?? 5) * MINUTE_MS : null;
        // Logged up to two weeks ahead of the date, never before the account existed or after now.
        const createdMs = Math.min(
          nowMs,
          Math.max(accountCreatedMs, scheduledMs - Math.floor(times.float(0, 14) * DAY_MS)),
        );
        const createdAt = new Date(createdMs);
        const updatedAt = new Date(Math.min(nowMs, Math.max(createdMs, completedMs ?? createdMs)));
        const accountLocation = {
          lat: accounts.latitudes[accountIndex] ?? 0,
          lng: accounts.longitudes[accountIndex] ?? 0,
        };
        const visit = type === 'visit';
        const stamps =
          visit && status === 'completed'
            ? visitStamps(places, accountLocation, scheduledMs, durationMinutes ?? 60, radius)
            : null;
        const subjects = activitySubjects[type];
        batch.push({
          id: ids.uuidV7(createdAt),
          type,
          subject: details.pick(subjects),
          status,
          scheduledAt: new Date(scheduledMs),
          durationMinutes,
          completedAt: completedMs === null ? null : new Date(completedMs),
          outcome: status === 'completed' ? details.pick(activityOutcomes) : null,
          nextSteps: status === 'completed' && details.chance(0.6) ? details.pick(nextStepsOptions) : null,
          latitude: visit ? accountLocation.lat : null,
          longitude: visit ? accountLocation.lng : null,
          ownerId: accounts.ownerIds[accountIndex] as string,
          ...pickLinks(links, accountIndex),
          checkInAt: stamps ? stamps.checkInAt : null,
          checkInLatitude: stamps ? stamps.checkIn.lat : null,
          checkInLongitude: stamps ? stamps.checkIn.lng : null,
          checkInAccuracy: stamps ? stamps.checkInAccuracy : null,
          checkInDistanceMeters: stamps ? stamps.checkInDistance : null,
          checkOutAt: stamps ? stamps.checkOutAt : null,
          checkOutLatitude: stamps ? stamps.checkOut.lat : null,
          checkOutLongitude: stamps ? stamps.checkOut.lng : null,
          checkOutAccuracy: stamps ? stamps.checkOutAccuracy : null,
          checkOutDistanceMeters: stamps ? stamps.checkOutDistance : null,
          farFromAccount: stamps ? stamps.far : false,
          createdAt,
          updatedAt,
          version: status === 'planned' ? 1 : 2,
        });
        if (batch.length >= context.batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      return { count } satisfies ActivitiesOutput;
    },
  });
}

type Point = { lat: number; lng: number };

/** A point `meters` from `origin` in a random direction (flat-earth offset: fine at these distances). */
export function pointNear(rng: Rng, origin: Point, meters: number): Point {
  const bearing = rng.float(0, 2 * Math.PI);
  const dLat = (meters * Math.cos(bearing)) / 111_320;
  const dLng = (meters * Math.sin(bearing)) / (111_320 * Math.max(0.01, Math.cos((origin.lat * Math.PI) / 180)));
  return { lat: Math.round((origin.lat + dLat) * 1e6) / 1e6, lng: Math.round((origin.lng + dLng) * 1e6) / 1e6 };
}

/**
 * Check-in shortly after the planned start and check-out at the end, both near the account; one visit
 * in twenty is checked in from kilometres away (the rep forgot until back on the road) and flagged.
 */
export function visitStamps(rng: Rng, account: Point, scheduledMs: number, minutes: number, radius: number) {
  const far = rng.chance(0.05);
  const checkIn = pointNear(rng, account, far ? rng.float(1_000, 6_000) : rng.float(5, 150));
  const checkOut = pointNear(rng, account, rng.float(5, 150));
  const checkInDistance = Math.round(haversineMeters(account, checkIn) * 100) / 100;
  const checkOutDistance = Math.round(haversineMeters(account, checkOut) * 100) / 100;
  const checkInMs = scheduledMs + rng.int(-10, 15) * MINUTE_MS;
  return {
    checkIn,
    checkOut,
    checkInAt: new Date(checkInMs),
    checkOutAt: new Date(checkInMs + minutes * MINUTE_MS),
    checkInAccuracy: rng.int(4, 40),
    checkOutAccuracy: rng.int(4, 40),
    checkInDistance,
    checkOutDistance,
    far: checkInDistance > radius || checkOutDistance > radius,
  };
}
