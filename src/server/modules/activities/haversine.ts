/** Mean Earth radius (IUGG), in metres: the usual constant for great-circle distances. */
export const EARTH_RADIUS_METERS = 6_371_008.8;

export type Coordinates = { lat: number; lng: number };

/**
 * Great-circle distance in metres between two points given in degrees. The haversine form stays
 * accurate for the short distances a visit check-in measures, where the spherical law of cosines
 * loses precision; the spherical model is within about 0.5 % of the ellipsoid, ample for a radius check.
 */
export function haversineMeters(from: Coordinates, to: Coordinates): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = toRadians(to.lat - from.lat);
  const dLng = toRadians(to.lng - from.lng);
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(from.lat)) * Math.cos(toRadians(to.lat)) * Math.sin(dLng / 2) ** 2;
  // min(1, …) guards against rounding pushing a just above 1 for antipodal points.
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
}
