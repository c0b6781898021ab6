import { describe, expect, it } from 'vitest';
import { everyOrder, scatter } from '../../../../test/helpers/route-points.js';
import { bestOrder, EXACT_LIMIT, pathCost, type RouteProblem } from './route-solver.js';

/** Points on a plane and the distances between them; node `stops` is the start when there is one. */
function planar(points: [number, number][], options: { start?: [number, number]; roundTrip?: boolean } = {}) {
  const nodes = options.start ? [...points, options.start] : points;
  const cost = (from: number, to: number) => {
    const [x1, y1] = nodes[from] as [number, number];
    const [x2, y2] = nodes[to] as [number, number];
    return Math.hypot(x2 - x1, y2 - y1);
  };
  const start = options.start ? points.length : null;
  return { stops: points.length, cost, start, end: options.roundTrip ? start : null } satisfies RouteProblem;
}

/** The cheapest order by trying every one: the reference the solver must match. */
function bruteForce(problem: RouteProblem): number {
  return Math.min(...everyOrder(problem.stops).map((order) => pathCost(problem, order)));
}

describe('the order of a day’s visits', () => {
  it('drives along a street in order, from wherever the day starts', () => {
    const street: [number, number][] = [
      [3, 0],
      [1, 0],
      [4, 0],
      [2, 0],
    ];
    expect(bestOrder(planar(street, { start: [0, 0] }))).toEqual([1, 3, 0, 2]);
    expect(bestOrder(planar(street, { start: [5, 0] }))).toEqual([2, 0, 3, 1]);
    // With no start, either end of the street will do: the length is the same.
    expect(pathCost(planar(street), bestOrder(planar(street)))).toBe(3);
  });

  it('finds the cheapest order exactly for a day of visits, open or round trip', () => {
    for (const seed of [1, 2, 3]) {
      const points = scatter(8, seed);
      for (const problem of [
        planar(points),
        planar(points, { start: [50, 50] }),
        planar(points, { start: [0, 0], roundTrip: true }),
      ]) {
        const order = bestOrder(problem);
        expect([...order].sort((a, b) => a - b)).toEqual([...Array(8).keys()]);
        expect(pathCost(problem, order)).toBeCloseTo(bruteForce(problem), 9);
      }
    }
  });

  it('handles asymmetric drive times (a one-way street)', () => {
    // Going 0 → 1 is quick, 1 → 0 a long way round.
    const times = [
      [0, 1, 10],
      [50, 0, 1],
      [10, 50, 0],
    ];
    const problem: RouteProblem = { stops: 2, cost: (a, b) => times[a]?.[b] as number, start: 2, end: null };
    expect(bestOrder(problem)).toEqual([0, 1]);
    expect(pathCost(problem, [0, 1])).toBe(11);
  });

  it('plans a long route well beyond the exact limit: every stop once, no crossing left', () => {
    const points = scatter(40, 7);
    const problem = planar(points, { start: [0, 0] });
    const order = bestOrder(problem);
    expect(order.length).toBe(40);
    expect(new Set(order).size).toBe(40);
    expect(EXACT_LIMIT).toBeLessThan(40);
    // 2-opt leaves no two legs crossing on a plane: reversing any stretch makes it no shorter.
    const cost = pathCost(problem, order);
    for (let from = 0; from < order.length - 1; from += 1) {
      for (let to = from + 1; to < order.length; to += 1) {
        const reversed = [...order.slice(0, from), ...order.slice(from, to + 1).reverse(), ...order.slice(to + 1)];
        expect(pathCost(problem, reversed)).toBeGreaterThanOrEqual(cost - 1e-9);
      }
    }
    // And it is far shorter than visiting the points as listed.
    expect(cost).toBeLessThan(pathCost(problem, [...Array(40).keys()]) / 2);
  });

  it('answers a day of one visit, or none', () => {
    expect(bestOrder(planar([[1, 1]]))).toEqual([0]);
    expect(bestOrder(planar([]))).toEqual([]);
  });
});
