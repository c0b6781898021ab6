import type {
  ApplyVisitRouteInput,
  RouteStop,
  RouteSuggestion,
  VisitRoute,
  VisitRouteQuery,
} from '../../../shared/contracts/visit-routes.js';
import { SUGGESTION_DETOUR_KM } from '../../../shared/contracts/visit-routes.js';
import { AppError } from '../../../shared/errors.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import type { Coordinates, TravelMatrix } from '../../integrations/maps/port.js';
import { straightLineMatrix } from '../../integrations/maps/straight-line.js';
import { travelTimesFor } from '../../integrations/maps/travel-times.js';
import type { Viewer } from '../../platform/viewer.js';
import { mayChange } from '../../platform/visibility.js';
import { changeActivity } from '../activities/activities.service.js';
import { addDays, fromIsoDate, startOfDayIn, toIsoDate, wallClockIn } from '../query/rule-engine/calendar.js';
import { bestOrder, pathCost, type RouteProblem } from './route-solver.js';
import { type DayPath, rankByDetour } from './route-suggestions.js';
import { bestTimedOrder, type TimedRouteProblem, timeRoute } from './timed-route-solver.js';
import { type DayVisit, findDueAccountsToVisit, findPlannedVisits } from './visit-routes.repository.js';

/** Time on site of a visit planned without a duration: a typical customer call. */
const DEFAULT_VISIT_MINUTES = 30;
/** When a day with no planned time starts. */
const DEFAULT_START_TIME = '09:00';
/** Stops of one route: a rep's day is a dozen at most; a van's round a few dozen. */
const MAX_STOPS = 50;

type Day = {
  ownerId: string;
  placed: (DayVisit & { lat: number; lng: number })[];
  unplaced: VisitRoute['unplaced'];
};

type Trip = { start: Coordinates | null; returnToStart: boolean; startTime: string | undefined };

/**
 * The order of a day's planned visits that drives least, and when each would then be reached: from a
 * start (where the rep is, or their office) or from whichever visit is best to begin with, optionally
 * back again. Visits keep their time on site, and appointments (`fixedTime`) their time: the others are
 * fitted around them, and an appointment the day cannot reach in time is reported late. Nothing is
 * changed (see applyVisitRoute).
 */
export async function planVisitRoute(deps: Deps, viewer: Viewer, query: VisitRouteQuery): Promise<VisitRoute> {
  const trip = tripOf(query, startOf(query.startLat, query.startLng));
  const day = await loadDay(deps, viewer, query);
  const travel = await travelBetween(deps, day, trip.start);
  const problem = problemOf(query, day, travel.matrix, trip);
  const order = day.placed.some((visit) => visit.fixedTime) ? bestTimedOrder(problem) : bestOrder(problem);
  const route = routeOf(query, day, trip, travel, order, false);
  return { ...route, suggestions: await suggestDueAccounts(deps, viewer, day.ownerId, route, query.suggestWithinKm) };
}

/**
 * Reschedules the day's visits to the given order (a plan's, or one the rep rearranged): each to when
 * the route reaches it, in one transaction; appointments keep their time. The order must name every
 * routable visit of the day once: when the day changed since it was planned, nothing moves and the
 * answer is 409.
 */
export async function applyVisitRoute(deps: Deps, viewer: Viewer, input: ApplyVisitRouteInput): Promise<VisitRoute> {
  const trip = tripOf(input, input.start ?? null);
  const day = await loadDay(deps, viewer, input);
  const indexOf = new Map(day.placed.map((visit, index) => [visit.id, index]));
  const unknown = input.order.filter((id) => !indexOf.has(id));
  if (
    unknown.length > 0 ||
    new Set(input.order).size !== input.order.length ||
    input.order.length !== day.placed.length
  ) {
    throw new AppError('conflict', "the day's visits changed since the route was planned: plan it again", {
      errors: [{ path: 'order', message: 'must list every routable visit of the day once' }],
    });
  }
  const order = input.order.map((id) => indexOf.get(id) as number);
  const travel = await travelBetween(deps, day, trip.start);
  const route = routeOf(input, day, trip, travel, order, true);
  const moved = await inTransaction(deps.database.db, async (tx) => {
    const versions = new Map<string, number>();
    for (const stop of route.stops) {
      if (stop.fixedTime) continue;
      const activity = await changeActivity(tx, viewer, stop.activityId, { scheduledAt: stop.arriveAt }, undefined);
      versions.set(activity.id, activity.version);
    }
    return versions;
  });
  return {
    ...route,
    suggestions: await suggestDueAccounts(deps, viewer, day.ownerId, route),
    stops: route.stops.map((stop) => ({
      ...stop,
      scheduledAt: stop.fixedTime ? stop.scheduledAt : stop.arriveAt,
      version: moved.get(stop.activityId) ?? stop.version,
    })),
  };
}

function tripOf(query: { returnToStart: boolean; startTime?: string }, start: Coordinates | null): Trip {
  if (query.returnToStart && !start) {
    throw new AppError('invalid_request', 'a round trip needs a start to return to', {
      errors: [{ path: 'returnToStart', message: 'needs a start (startLat and startLng)' }],
    });
  }
  return { start, returnToStart: query.returnToStart, startTime: query.startTime };
}

function startOf(lat: number | undefined, lng: number | undefined): Coordinates | null {
  if (lat === undefined && lng === undefined) return null;
  if (lat === undefined || lng === undefined) {
    throw new AppError('invalid_request', 'a start needs both its latitude and its longitude', {
      errors: [{ path: lat === undefined ? 'startLat' : 'startLng', message: 'required with the other' }],
    });
  }
  return { lat, lng };
}

/** The person's planned visits on the local day, split into those with a place and those without. */
async function loadDay(
  deps: Deps,
  viewer: Viewer,
  query: { date: string; timeZone: string; ownerId: string },
): Promise<Day> {
  const ownerId = query.ownerId === 'me' ? viewer.userId : query.ownerId;
  if (!mayChange(viewer, ownerId)) {
    throw new AppError('forbidden', "only the rep, their managers and admins may plan the rep's visits");
  }
  const visits = await findPlannedVisits(deps.database.db, viewer, {
    ownerId,
    from: startOfDayIn(query.date, query.timeZone),
    until: startOfDayIn(toIsoDate(addDays(fromIsoDate(query.date), 1)), query.timeZone),
  });
  const placed = visits.filter((visit): visit is Day['placed'][number] => visit.lat !== null && visit.lng !== null);
  if (placed.length > MAX_STOPS) {
    throw new AppError('invalid_request', `a route takes at most ${MAX_STOPS} visits; this day has ${placed.length}`);
  }
  const unplaced = visits
    .filter((visit) => visit.lat === null || visit.lng === null)
    .map((visit) => ({
      activityId: visit.id,
      subject: visit.subject,
      reason: visit.accountId
        ? 'neither the visit nor its account has a location'
        : 'the visit has no location and no account',
    }));
  return { ownerId, placed, unplaced };
}

/** Drive times between the visits (and the start, last): Google's when configured and answering. */
async function travelBetween(
  deps: Deps,
  day: Day,
  start: Coordinates | null,
): Promise<{ matrix: TravelMatrix; source: string }> {
  const points: Coordinates[] = [...day.placed.map(({ lat, lng }) => ({ lat, lng })), ...(start ? [start] : [])];
  const service = travelTimesFor(deps.config);
  try {
    return { matrix: await service.matrix(points), source: service.name };
  } catch (error) {
    // A plan from estimates beats no plan: the answer says which it is.
    deps.logger?.warn({ err: error, service: service.name }, 'drive times unavailable, estimating');
    return { matrix: straightLineMatrix(points), source: 'straight-line' };
  }
}

/**
 * Stops are nodes 0 … n-1; the start, when there is one, is node n. The clock is seconds since the epoch:
 * the first stop is reached at the start time asked (plus the drive from the start, when there is one),
 * else when the day's earliest visit is planned now (leaving the start in time for it), else at 09:00.
 */
function problemOf(
  query: { date: string; timeZone: string },
  day: Day,
  matrix: TravelMatrix,
  trip: Trip,
): TimedRouteProblem {
  const startNode = trip.start ? day.placed.length : null;
  const seconds = (at: Date) => at.getTime() / 1000;
  const earliest = day.placed.reduce<Date | null>(
    (soonest, visit) =>
      visit.scheduledAt && (soonest === null || visit.scheduledAt < soonest) ? visit.scheduledAt : soonest,
    null,
  );
  const firstArrival = trip.startTime
    ? { base: seconds(wallClockIn(query.date, trip.startTime, query.timeZone)), plusDriveFromStart: true }
    : {
        base: seconds(earliest ?? wallClockIn(query.date, DEFAULT_START_TIME, query.timeZone)),
        plusDriveFromStart: false,
      };
  return {
    stops: day.placed.length,
    cost: (from, to) => matrix.seconds[from]?.[to] ?? 0,
    start: startNode,
    end: trip.returnToStart ? startNode : null,
    stay: day.placed.map((visit) => (visit.durationMinutes ?? DEFAULT_VISIT_MINUTES) * 60),
    fixedAt: day.placed.map((visit) => (visit.fixedTime && visit.scheduledAt ? seconds(visit.scheduledAt) : null)),
    firstArrival,
  };
}

/**
 * The rep's accounts due for a visit by their call cycle with nothing planned for them: those the day's
 * route passes closest first (the least detour, straight line: a few hundred candidates are weighed, so
 * no paid drive-time calls), up to `withinKm` out of the way; else, on a day with no stop and no start,
 * the longest overdue first, wherever they are.
 */
async function suggestDueAccounts(
  deps: Deps,
  viewer: Viewer,
  ownerId: string,
  route: Omit<VisitRoute, 'suggestions'>,
  withinKm = SUGGESTION_DETOUR_KM,
): Promise<RouteSuggestion[]> {
  const due = await findDueAccountsToVisit(deps.database.db, viewer, { ownerId, now: new Date() });
  const path: DayPath = {
    points: [
      ...(route.start ? [route.start] : []),
      ...route.stops.map((stop) => stop.location),
      ...(route.start && route.returnToStart ? [route.start] : []),
    ],
    fixedStart: route.start !== null,
    fixedEnd: route.returnToStart,
  };
  return rankByDetour(due, path, { maxDetourMeters: withinKm * 1000 }).map(({ candidate, detourMeters }) => ({
    accountId: candidate.id,
    accountName: candidate.name,
    address: candidate.address,
    location: { lat: candidate.lat, lng: candidate.lng },
    visitEveryDays: candidate.visitEveryDays,
    lastVisitAt: candidate.lastVisitAt?.toISOString() ?? null,
    visitDueAt: candidate.lastVisitAt
      ? new Date(candidate.lastVisitAt.getTime() + candidate.visitEveryDays * 86_400_000).toISOString()
      : null,
    detourMeters,
  }));
}

function routeOf(
  query: { date: string; timeZone: string },
  day: Day,
  trip: Trip,
  travel: { matrix: TravelMatrix; source: string },
  order: number[],
  applied: boolean,
): Omit<VisitRoute, 'suggestions'> {
  const problem = problemOf(query, day, travel.matrix, trip);
  const timing = timeRoute(problem, order);
  const instant = (seconds: number) => new Date(Math.round(seconds * 1000)).toISOString();
  let previous = problem.start;
  const stops: RouteStop[] = order.map((index, position) => {
    const visit = day.placed[index] as Day['placed'][number];
    const at = timing.stops[position] as (typeof timing.stops)[number];
    const from = previous;
    previous = index;
    return {
      activityId: visit.id,
      subject: visit.subject,
      accountId: visit.accountId,
      accountName: visit.accountName,
      location: { lat: visit.lat, lng: visit.lng },
      address: visit.address,
      durationMinutes: visit.durationMinutes ?? DEFAULT_VISIT_MINUTES,
      scheduledAt: visit.scheduledAt?.toISOString() ?? null,
      fixedTime: visit.fixedTime,
      arriveAt: instant(at.arrive),
      waitSeconds: Math.round(at.wait),
      lateSeconds: Math.round(at.late),
      departAt: instant(at.depart),
      travelSeconds: from === null ? 0 : Math.round(travel.matrix.seconds[from]?.[index] ?? 0),
      travelMeters: from === null ? 0 : Math.round(travel.matrix.meters[from]?.[index] ?? 0),
      version: visit.version,
    };
  });
  const back =
    trip.returnToStart && previous !== null && problem.end !== null
      ? {
          seconds: travel.matrix.seconds[previous]?.[problem.end] ?? 0,
          meters: travel.matrix.meters[previous]?.[problem.end] ?? 0,
        }
      : null;
  const plannedOrder = day.placed.map((_, index) => index);
  return {
    date: query.date,
    timeZone: query.timeZone,
    ownerId: day.ownerId,
    travelTimes: travel.source,
    start: trip.start,
    returnToStart: trip.returnToStart,
    stops,
    returnSeconds: Math.round(back?.seconds ?? 0),
    returnMeters: Math.round(back?.meters ?? 0),
    totalTravelSeconds: Math.round(timing.travel),
    totalTravelMeters: Math.round(pathMeters(problem, travel.matrix, order)),
    plannedOrderTravelSeconds: Math.round(pathCost(problem, plannedOrder)),
    plannedOrderTravelMeters: Math.round(pathMeters(problem, travel.matrix, plannedOrder)),
    finishAt: stops.length === 0 ? null : instant(timing.finish),
    unplaced: day.unplaced,
    lateStops: stops.filter((stop) => stop.lateSeconds > 0).length,
    applied,
  };
}

function pathMeters(problem: RouteProblem, matrix: TravelMatrix, order: number[]): number {
  return pathCost({ ...problem, cost: (from, to) => matrix.meters[from]?.[to] ?? 0 }, order);
}
