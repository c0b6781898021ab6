/*
 * The order of a day's visits when some are appointments at an agreed time. Each appointment must be
 * reached by its time (arriving early means waiting); the others fit around them. Being late for an
 * appointment weighs more than any drive, so the best order is the one late the least, then driving the
 * least, then finishing the earliest. A handful of stops is searched exhaustively (branch and bound);
 * more get cheapest insertion around the appointments, improved by moving and reversing stretches.
 */
import { pathCost, type RouteProblem } from './route-solver.js';

export type TimedRouteProblem = RouteProblem & {
  /** Seconds on site at each stop. */
  stay: readonly number[];
  /** Per stop, when its appointment is (seconds on the day's clock), or null when its time is free. */
  fixedAt: readonly (number | null)[];
  /**
   * When the first stop is reached, on the same clock: `base`, plus the drive from the start when the
   * departure time is given (otherwise the departure adapts to the drive).
   */
  firstArrival: { base: number; plusDriveFromStart: boolean };
};

export type StopTiming = { arrive: number; wait: number; late: number; depart: number };

export type RouteTiming = { stops: StopTiming[]; late: number; travel: number; finish: number };

/** Up to this many stops every order is weighed: 8! ≈ 40,000 orders at worst, pruned far below that. */
export const EXHAUSTIVE_LIMIT = 8;

/** When each stop is reached and left in this order, and what the order costs. */
export function timeRoute(problem: TimedRouteProblem, order: readonly number[]): RouteTiming {
  const stops: StopTiming[] = [];
  let late = 0;
  let clock = 0;
  let previous = problem.start;
  for (const [position, stop] of order.entries()) {
    const drive = previous === null ? 0 : problem.cost(previous, stop);
    const arrive =
      position === 0
        ? problem.firstArrival.base + (problem.firstArrival.plusDriveFromStart ? drive : 0)
        : clock + drive;
    const fixedAt = problem.fixedAt[stop] ?? null;
    const wait = fixedAt === null ? 0 : Math.max(0, fixedAt - arrive);
    const lateHere = fixedAt === null ? 0 : Math.max(0, arrive - fixedAt);
    clock = arrive + wait + (problem.stay[stop] ?? 0);
    stops.push({ arrive, wait, late: lateHere, depart: clock });
    late += lateHere;
    previous = stop;
  }
  const back = problem.end !== null && previous !== null ? problem.cost(previous, problem.end) : 0;
  return { stops, late, travel: pathCost(problem, order), finish: clock + back };
}

/** The order late the least, then driving the least, then finishing first. */
export function bestTimedOrder(problem: TimedRouteProblem): number[] {
  if (problem.stops <= 1) return problem.stops === 1 ? [0] : [];
  return problem.stops <= EXHAUSTIVE_LIMIT ? exhaustiveOrder(problem) : improvedOrder(problem);
}

/** Seconds of lateness and of driving below which two orders are as good as each other. */
const TOLERANCE = 1e-6;

function better(a: RouteTiming, b: RouteTiming): boolean {
  if (Math.abs(a.late - b.late) > TOLERANCE) return a.late < b.late;
  if (Math.abs(a.travel - b.travel) > TOLERANCE) return a.travel < b.travel;
  return a.finish < b.finish - TOLERANCE;
}

/**
 * Depth-first over every order, abandoning a partial one as soon as it is already later, or as late and
 * driving at least as much, as the best complete order (lateness and driving only grow as stops are added).
 */
function exhaustiveOrder(problem: TimedRouteProblem): number[] {
  const n = problem.stops;
  let best: number[] = [];
  let bestTiming: RouteTiming | null = null;
  const order: number[] = [];
  const used = new Array<boolean>(n).fill(false);
  const extend = () => {
    if (bestTiming && order.length > 0) {
      const partial = timeRoute({ ...problem, end: null }, order);
      if (
        partial.late > bestTiming.late + TOLERANCE ||
        (Math.abs(partial.late - bestTiming.late) <= TOLERANCE && partial.travel > bestTiming.travel + TOLERANCE)
      ) {
        return;
      }
    }
    if (order.length === n) {
      const timing = timeRoute(problem, order);
      if (!bestTiming || better(timing, bestTiming)) {
        bestTiming = timing;
        best = [...order];
      }
      return;
    }
    for (let stop = 0; stop < n; stop += 1) {
      if (used[stop]) continue;
      used[stop] = true;
      order.push(stop);
      extend();
      order.pop();
      used[stop] = false;
    }
  };
  extend();
  return best;
}

/**
 * The appointments in time order, each free stop inserted where it costs least (the stop whose best
 * place costs most first, so outlying stops shape the route), then improved by moving one stop elsewhere
 * or reversing a stretch while either helps.
 */
function improvedOrder(problem: TimedRouteProblem): number[] {
  const stops = [...Array(problem.stops).keys()];
  let order = stops
    .filter((stop) => problem.fixedAt[stop] !== null)
    .sort((a, b) => (problem.fixedAt[a] as number) - (problem.fixedAt[b] as number));
  const free = new Set(stops.filter((stop) => problem.fixedAt[stop] === null));
  while (free.size > 0) {
    let chosen: { stop: number; order: number[]; timing: RouteTiming } | null = null;
    for (const stop of free) {
      const placed = cheapestInsertion(problem, order, stop);
      if (!chosen || better(chosen.timing, placed.timing)) chosen = { stop, ...placed };
    }
    const { stop, order: next } = chosen as { stop: number; order: number[] };
    order = next;
    free.delete(stop);
  }
  return localSearch(problem, order);
}

function cheapestInsertion(
  problem: TimedRouteProblem,
  order: readonly number[],
  stop: number,
): { order: number[]; timing: RouteTiming } {
  let best: { order: number[]; timing: RouteTiming } | null = null;
  for (let position = 0; position <= order.length; position += 1) {
    const candidate = [...order.slice(0, position), stop, ...order.slice(position)];
    const timing = timeRoute(problem, candidate);
    if (!best || better(timing, best.timing)) best = { order: candidate, timing };
  }
  return best as { order: number[]; timing: RouteTiming };
}

function localSearch(problem: TimedRouteProblem, start: number[]): number[] {
  let best = start;
  let bestTiming = timeRoute(problem, best);
  const consider = (candidate: number[]) => {
    const timing = timeRoute(problem, candidate);
    if (!better(timing, bestTiming)) return false;
    best = candidate;
    bestTiming = timing;
    return true;
  };
  for (let improved = true; improved; ) {
    improved = false;
    for (let from = 0; from < best.length; from += 1) {
      for (let to = 0; to < best.length; to += 1) {
        if (to === from) continue;
        const without = [...best.slice(0, from), ...best.slice(from + 1)];
        const moved = [...without.slice(0, to), best[from] as number, ...without.slice(to)];
        if (consider(moved)) improved = true;
      }
    }
    for (let from = 0; from < best.length - 1; from += 1) {
      for (let to = from + 1; to < best.length; to += 1) {
        const reversed = [...best.slice(0, from), ...best.slice(from, to + 1).reverse(), ...best.slice(to + 1)];
        if (consider(reversed)) improved = true;
      }
    }
  }
  return best;
}
