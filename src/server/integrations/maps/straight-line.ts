import { haversineMeters } from '../../modules/activities/haversine.js';
import type { Coordinates, TravelMatrix, TravelTimes } from './port.js';

/**
 * Roads are longer than the straight line between two places; 1.3 is the detour factor transport
 * studies find for road networks in Europe and North America (1.2–1.4), and 50 km/h an average a rep's
 * day of town and country driving keeps. Estimates, not directions: the order they give is sound because
 * a detour factor scales every leg alike.
 */
const ROAD_DETOUR_FACTOR = 1.3;
const AVERAGE_SPEED_METERS_PER_SECOND = 50_000 / 3600;

/** The offline default: road distance and drive time estimated from the great-circle distance. */
export const straightLineTravelTimes: TravelTimes = {
  name: 'straight-line',
  async matrix(points: Coordinates[]): Promise<TravelMatrix> {
    return straightLineMatrix(points);
  },
};

export function straightLineMatrix(points: Coordinates[]): TravelMatrix {
  const meters = points.map((from) => points.map((to) => Math.round(haversineMeters(from, to) * ROAD_DETOUR_FACTOR)));
  const seconds = meters.map((row) => row.map((distance) => Math.round(distance / AVERAGE_SPEED_METERS_PER_SECOND)));
  return { seconds, meters };
}
