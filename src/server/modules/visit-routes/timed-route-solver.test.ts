import { describe, expect, it } from 'vitest';
import { everyOrder, scatter } from '../../../../test/helpers/route-points.js';
import {
  bestTimedOrder,
  EXHAUSTIVE_LIMIT,
  type RouteTiming,
  type TimedRouteProblem,
  timeRoute,
} from './timed-route-solver.js';

/** Stops on a line (x, in seconds of driving), the start at 0, each visit 10 minutes on site. */
function lineDay(
  positions: number[],
  fixedAt: (number | null)[],
  options: { startAt?: number; stay?: number } = {},
): TimedRouteProblem {
  const nodes = [...positions, 0];
  return {
    stops: positions.length,
    cost: (from, to) => Math.abs((nodes[to] as number) - (nodes[from] as number)),
    start: positions.length,
    end: null,
    stay: positions.map(() => options.stay ?? 600),
    fixedAt,
    firstArrival: { base: options.startAt ?? 0, plusDriveFromStart: true },
  };
}

/** Every order weighed: the reference the solver must match (late first, then driving). */
function bruteForce(problem: TimedRouteProblem): RouteTiming {
  return everyOrder(problem.stops)
    .map((order) => timeRoute(problem, order))
    .reduce((best, timing) =>
      timing.late < best.late - 1e-9 || (Math.abs(timing.late - best.late) <= 1e-9 && timing.travel < best.travel)
        ? timing
        : best,
    );
}

function planarDay(points: [number, number][], fixedAt: (number | null)[]): TimedRouteProblem {
  const nodes = [...points, [0, 0] as [number, number]];
  return {
    stops: points.length,
    cost: (from, to) => {
      const [x1, y1] = nodes[from] as [number, number];
      const [x2, y2] = nodes[to] as [number, number];
      return Math.hypot(x2 - x1, y2 - y1);
    },
    start: points.length,
    end: null,
    stay: points.map(() => 1800),
    fixedAt,
    firstArrival: { base: 0, plusDriveFromStart: true },
  };
}

describe('a day of visits around appointments', () => {
  it('keeps an appointment: the nearer visit waits until after it when going there first would make it late', () => {
    // Visit 0 is 600 s out, visit 1 (an appointment at 1500 s) 1200 s out. Driving 0 then 1 is shortest,
    // but reaches 1 at 600 + 600 + 600 = 1800 s, late; so 1 comes first (waiting 300 s), then back to 0.
    const problem = lineDay([600, 1200], [null, 1500]);
    expect(bestTimedOrder(problem)).toEqual([1, 0]);
    const timing = timeRoute(problem, [1, 0]);
    expect(timing.late).toBe(0);
    expect(timing.stops[0]).toEqual({ arrive: 1200, wait: 300, late: 0, depart: 2100 });
    expect(timeRoute(problem, [0, 1]).late).toBe(300);
  });

  it('waits for an appointment it reaches early, and says how long', () => {
    const problem = lineDay([600], [3600]);
    const [only] = timeRoute(problem, [0]).stops;
    expect(only).toEqual({ arrive: 600, wait: 3000, late: 0, depart: 4200 });
  });

  it('fits free visits into the gap before an appointment when they fit, after it when they do not', () => {
    // An appointment at 1000 s out, at 7200 s; a free visit on the way (500 s out). It fits before.
    const roomy = lineDay([1000, 500], [7200, null]);
    expect(bestTimedOrder(roomy)).toEqual([1, 0]);
    expect(timeRoute(roomy, [1, 0]).late).toBe(0);
    // The appointment is at 1200 s: 500 + 600 on site + 500 is 1600, late; so the free visit comes after.
    const tight = lineDay([1000, 500], [1200, null]);
    expect(bestTimedOrder(tight)).toEqual([0, 1]);
    expect(timeRoute(tight, [0, 1]).late).toBe(0);
  });

  it('is as little late as it can be when two appointments clash, and reports it', () => {
    // Two appointments at the same time in different places: one of them is late whatever the order.
    const problem = lineDay([1000, 2000], [1000, 1000]);
    const order = bestTimedOrder(problem);
    const timing = timeRoute(problem, order);
    expect(order).toEqual([0, 1]);
    expect(timing.late).toBe(1000 + 600 + 1000 - 1000);
    expect(timing.stops[1]?.late).toBe(1600);
  });

  it('matches trying every order on small days', () => {
    for (const seed of [1, 2, 3, 4]) {
      const points = scatter(7, seed, 3600);
      // Two appointments, at 3 and 6 hours.
      const fixedAt = points.map((_, index) => (index === 2 ? 3 * 3600 : index === 5 ? 6 * 3600 : null));
      const problem = planarDay(points, fixedAt);
      const best = bruteForce(problem);
      const timing = timeRoute(problem, bestTimedOrder(problem));
      expect(timing.late).toBeCloseTo(best.late, 6);
      expect(timing.travel).toBeCloseTo(best.travel, 6);
    }
  });

  it('routes a long day beyond the exhaustive limit: every stop once, appointments in time, shorter than as listed', () => {
    const points = scatter(30, 11, 3600);
    // Three appointments spread over a long day, and enough time between them.
    const fixedAt = points.map((_, index) =>
      index === 4 ? 4 * 3600 : index === 12 ? 12 * 3600 : index === 20 ? 20 * 3600 : null,
    );
    const problem = { ...planarDay(points, fixedAt), stay: points.map(() => 900) };
    expect(EXHAUSTIVE_LIMIT).toBeLessThan(30);
    const order = bestTimedOrder(problem);
    expect([...order].sort((a, b) => a - b)).toEqual([...Array(30).keys()]);
    const timing = timeRoute(problem, order);
    expect(timing.late).toBe(0);
    const positions = [4, 12, 20].map((stop) => order.indexOf(stop));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // As listed, the day drives far more (and its appointments come in list order, not time order).
    expect(timing.travel).toBeLessThan(timeRoute(problem, [...Array(30).keys()]).travel / 2);
  });
});
