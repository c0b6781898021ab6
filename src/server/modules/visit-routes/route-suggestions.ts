import { type Coordinates, haversineMeters } from '../activities/haversine.js';

/** How many accounts a plan suggests fitting in: a day has room for a few more, not a list to read. */
export const MAX_SUGGESTIONS = 5;

/**
 * The day as driven, for weighing what could be added: its points in order, and where a new stop may go.
 * A trip from a start cannot take a stop before it; a round trip cannot take one after its return.
 */
export type DayPath = { points: Coordinates[]; fixedStart: boolean; fixedEnd: boolean };

/**
 * The candidates the path passes closest, each with the extra distance (straight line, metres) of its
 * cheapest insertion: between two consecutive points, or before the first or after the last where the
 * trip allows; those further out of the way than `maxDetourMeters` are not on the way at all. Ties keep
 * the candidates' order (the longest overdue first). Over an empty path nothing is closer than anything
 * else: the candidates keep their order, without a detour.
 */
export function rankByDetour<Candidate extends Coordinates>(
  candidates: readonly Candidate[],
  path: DayPath,
  options: { maxDetourMeters: number; limit?: number },
): { candidate: Candidate; detourMeters: number | null }[] {
  const limit = options.limit ?? MAX_SUGGESTIONS;
  if (path.points.length === 0) {
    return candidates.slice(0, limit).map((candidate) => ({ candidate, detourMeters: null }));
  }
  return candidates
    .map((candidate, index) => ({ candidate, index, detourMeters: cheapestInsertion(candidate, path) }))
    .filter((ranked) => ranked.detourMeters <= options.maxDetourMeters)
    .sort((a, b) => a.detourMeters - b.detourMeters || a.index - b.index)
    .slice(0, limit)
    .map(({ candidate, detourMeters }) => ({ candidate, detourMeters: Math.round(detourMeters) }));
}

function cheapestInsertion(point: Coordinates, path: DayPath): number {
  const { points } = path;
  const first = points[0] as Coordinates;
  const last = points[points.length - 1] as Coordinates;
  let best = Number.POSITIVE_INFINITY;
  if (!path.fixedStart) best = Math.min(best, haversineMeters(point, first));
  if (!path.fixedEnd) best = Math.min(best, haversineMeters(last, point));
  for (let index = 0; index + 1 < points.length; index += 1) {
    const from = points[index] as Coordinates;
    const to = points[index + 1] as Coordinates;
    best = Math.min(best, haversineMeters(from, point) + haversineMeters(point, to) - haversineMeters(from, to));
  }
  return best;
}
