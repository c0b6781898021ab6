import { describe, expect, it } from 'vitest';
import { rankByDetour } from './route-suggestions.js';

/** Points along a road east of Lyon, about 7.8 km apart, and a few off it. */
const at = (east: number, north = 0) => ({ lat: 45.75 + north * 0.1, lng: 4.85 + east * 0.1 });
const anyDetour = { maxDetourMeters: Number.POSITIVE_INFINITY };

describe('ranking due accounts by the detour they cost a day', () => {
  const candidates = [
    { name: 'north, far', ...at(2, 5) },
    { name: 'on the road', ...at(2.5) },
    { name: 'just off it', ...at(1.5, 0.2) },
  ];

  it('puts the accounts the route passes closest first, with the extra distance of fitting them in', () => {
    const day = { points: [at(0), at(1), at(3)], fixedStart: true, fixedEnd: false };
    const ranked = rankByDetour(candidates, day, anyDetour);
    expect(ranked.map(({ candidate }) => candidate.name)).toEqual(['on the road', 'just off it', 'north, far']);
    // On the road between two stops: no detour at all.
    expect(ranked[0]?.detourMeters).toBe(0);
    expect(ranked[1]?.detourMeters).toBeGreaterThan(500);
    expect(ranked[2]?.detourMeters).toBeGreaterThan(50_000);
    // Further out of the way than the day will go: not suggested at all.
    const nearby = rankByDetour(candidates, day, { maxDetourMeters: 40_000 });
    expect(nearby.map(({ candidate }) => candidate.name)).toEqual(['on the road', 'just off it']);
  });

  it('may add a stop after the last one on a one-way trip, not before a fixed start or after a round trip', () => {
    const beyond = [{ name: 'past the end', ...at(4) }];
    const oneWay = rankByDetour(beyond, { points: [at(0), at(3)], fixedStart: true, fixedEnd: false }, anyDetour);
    expect(oneWay[0]?.detourMeters).toBeCloseTo(7_780, -2);
    const roundTrip = rankByDetour(
      beyond,
      { points: [at(0), at(3), at(0)], fixedStart: true, fixedEnd: true },
      anyDetour,
    );
    // Out and back past the last stop: the extra leg twice.
    expect(roundTrip[0]?.detourMeters).toBeCloseTo(15_560, -2);
  });

  it('keeps the longest overdue first, wherever they are, over a day with no stop and no start, and stops at five', () => {
    const many = Array.from({ length: 8 }, (_, index) => ({ name: `due ${index}`, ...at(index) }));
    const ranked = rankByDetour(many, { points: [], fixedStart: false, fixedEnd: false }, { maxDetourMeters: 1 });
    expect(ranked.map(({ candidate }) => candidate.name)).toEqual(['due 0', 'due 1', 'due 2', 'due 3', 'due 4']);
    expect(ranked.every(({ detourMeters }) => detourMeters === null)).toBe(true);
  });
});
