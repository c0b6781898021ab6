/*
 * The order of a day's visits that drives least: a travelling-salesman path over a handful of stops.
 * A rep's day has a few to a dozen visits, which the Held-Karp dynamic programme solves exactly in
 * milliseconds; a longer list (a van route) gets nearest-neighbour tours improved by 2-opt, which land
 * within a few per cent of the best on road networks.
 */

export type RouteProblem = {
  /** How many stops: nodes 0 … stops-1. */
  stops: number;
  /** The cost of going from one node to another (seconds), indexed as the nodes are. */
  cost(from: number, to: number): number;
  /** The node the trip leaves from, not a stop itself; null: it starts at whichever stop is best. */
  start: number | null;
  /** The node the trip must end at (the start again, for a round trip); null: it ends at the last stop. */
  end: number | null;
};

/** Up to this many stops the order is exact: 2^12 × 12 × 12 ≈ 600,000 steps. */
export const EXACT_LIMIT = 12;

/** The stops (0 … stops-1) in the order that costs least. */
export function bestOrder(problem: RouteProblem): number[] {
  if (problem.stops <= 1) return problem.stops === 1 ? [0] : [];
  return problem.stops <= EXACT_LIMIT ? heldKarp(problem) : improvedTour(problem);
}

/** What driving the stops in this order costs, from the start and back to the end when there are such. */
export function pathCost(problem: RouteProblem, order: readonly number[]): number {
  let total = 0;
  let previous = problem.start;
  for (const stop of order) {
    if (previous !== null) total += problem.cost(previous, stop);
    previous = stop;
  }
  if (problem.end !== null && previous !== null) total += problem.cost(previous, problem.end);
  return total;
}

function heldKarp(problem: RouteProblem): number[] {
  const n = problem.stops;
  const full = (1 << n) - 1;
  const best = new Float64Array((full + 1) * n).fill(Number.POSITIVE_INFINITY);
  const previous = new Int8Array((full + 1) * n).fill(-1);
  for (let stop = 0; stop < n; stop += 1) {
    best[(1 << stop) * n + stop] = problem.start === null ? 0 : problem.cost(problem.start, stop);
  }
  for (let visited = 1; visited <= full; visited += 1) {
    for (let last = 0; last < n; last += 1) {
      const here = best[visited * n + last] as number;
      if (!(visited & (1 << last)) || here === Number.POSITIVE_INFINITY) continue;
      for (let next = 0; next < n; next += 1) {
        if (visited & (1 << next)) continue;
        const index = (visited | (1 << next)) * n + next;
        const cost = here + problem.cost(last, next);
        if (cost < (best[index] as number)) {
          best[index] = cost;
          previous[index] = last;
        }
      }
    }
  }
  let last = 0;
  let lowest = Number.POSITIVE_INFINITY;
  for (let stop = 0; stop < n; stop += 1) {
    const cost = (best[full * n + stop] as number) + (problem.end === null ? 0 : problem.cost(stop, problem.end));
    if (cost < lowest) {
      lowest = cost;
      last = stop;
    }
  }
  const order: number[] = [];
  for (let visited = full, stop = last; stop !== -1; ) {
    order.push(stop);
    const before = previous[visited * n + stop] as number;
    visited &= ~(1 << stop);
    stop = before;
  }
  return order.reverse();
}

/** The best nearest-neighbour tour (from the start, or from each stop when there is none), then 2-opt. */
function improvedTour(problem: RouteProblem): number[] {
  const firsts = problem.start === null ? [...Array(problem.stops).keys()] : [null];
  let tour: number[] = [];
  let lowest = Number.POSITIVE_INFINITY;
  for (const first of firsts) {
    const candidate = nearestNeighbourTour(problem, first);
    const cost = pathCost(problem, candidate);
    if (cost < lowest) {
      lowest = cost;
      tour = candidate;
    }
  }
  return twoOpt(problem, tour);
}

function nearestNeighbourTour(problem: RouteProblem, first: number | null): number[] {
  const left = new Set([...Array(problem.stops).keys()]);
  const tour: number[] = [];
  let here = first ?? problem.start;
  if (first !== null) {
    tour.push(first);
    left.delete(first);
  }
  while (left.size > 0) {
    let nearest = -1;
    let shortest = Number.POSITIVE_INFINITY;
    for (const stop of left) {
      const cost = here === null ? 0 : problem.cost(here, stop);
      if (cost < shortest) {
        shortest = cost;
        nearest = stop;
      }
    }
    tour.push(nearest);
    left.delete(nearest);
    here = nearest;
  }
  return tour;
}

/**
 * Reverses stretches of the tour while that shortens it. Drive times are not symmetric (one-way
 * streets, a motorway ramp), so each candidate is costed whole rather than by its two changed legs.
 */
function twoOpt(problem: RouteProblem, tour: number[]): number[] {
  let best = tour;
  let lowest = pathCost(problem, best);
  for (let improved = true; improved; ) {
    improved = false;
    for (let from = 0; from < best.length - 1; from += 1) {
      for (let to = from + 1; to < best.length; to += 1) {
        const candidate = [...best.slice(0, from), ...best.slice(from, to + 1).reverse(), ...best.slice(to + 1)];
        const cost = pathCost(problem, candidate);
        if (cost < lowest - 1e-9) {
          best = candidate;
          lowest = cost;
          improved = true;
        }
      }
    }
  }
  return best;
}
