import type { Coordinates, TravelMatrix, TravelTimes } from './port.js';

export type GoogleRoutesOptions = {
  apiKey: string;
  /** https://routes.googleapis.com */
  baseUrl: string;
  timeoutMs: number;
};

/**
 * Origins and destinations of one request: the Routes API takes at most 625 elements (25 × 25) per
 * computeRouteMatrix call without traffic; larger matrices are asked block by block.
 */
const BLOCK = 25;

type MatrixElement = {
  originIndex?: number;
  destinationIndex?: number;
  duration?: string;
  distanceMeters?: number;
  condition?: string;
  status?: { code?: number; message?: string };
};

/**
 * Google's Routes API, `computeRouteMatrix`: driving times without live traffic (a plan for a day ahead
 * should not depend on this minute's jams), asked with the API key and a field mask as Google requires.
 * A pair Google has no route for keeps the straight-line estimate the caller passes in. (The older
 * Distance Matrix API of @googlemaps/google-maps-services-js is closed to new Google Cloud projects.)
 */
export function createGoogleRoutesTravelTimes(
  options: GoogleRoutesOptions,
  fallback: (points: Coordinates[]) => TravelMatrix,
): TravelTimes {
  return {
    name: 'google-routes',
    async matrix(points: Coordinates[]): Promise<TravelMatrix> {
      const matrix = fallback(points);
      for (let originStart = 0; originStart < points.length; originStart += BLOCK) {
        for (let destinationStart = 0; destinationStart < points.length; destinationStart += BLOCK) {
          const origins = points.slice(originStart, originStart + BLOCK);
          const destinations = points.slice(destinationStart, destinationStart + BLOCK);
          for (const element of await computeRouteMatrix(options, origins, destinations)) {
            const from = originStart + (element.originIndex ?? 0);
            const to = destinationStart + (element.destinationIndex ?? 0);
            const seconds = parseDuration(element.duration);
            if (from === to || element.condition !== 'ROUTE_EXISTS' || seconds === null) continue;
            (matrix.seconds[from] as number[])[to] = seconds;
            (matrix.meters[from] as number[])[to] = element.distanceMeters ?? 0;
          }
        }
      }
      return matrix;
    },
  };
}

async function computeRouteMatrix(
  options: GoogleRoutesOptions,
  origins: Coordinates[],
  destinations: Coordinates[],
): Promise<MatrixElement[]> {
  const waypoint = (point: Coordinates) => ({
    waypoint: { location: { latLng: { latitude: point.lat, longitude: point.lng } } },
  });
  const response = await fetch(`${options.baseUrl}/distanceMatrix/v2:computeRouteMatrix`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-goog-api-key': options.apiKey,
      'x-goog-fieldmask': 'originIndex,destinationIndex,duration,distanceMeters,condition,status',
    },
    body: JSON.stringify({
      origins: origins.map(waypoint),
      destinations: destinations.map(waypoint),
      travelMode: 'DRIVE',
      routingPreference: 'TRAFFIC_UNAWARE',
    }),
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  const body = (await response.json().catch(() => null)) as MatrixElement[] | { error?: { message?: string } } | null;
  if (!response.ok || !Array.isArray(body)) {
    const reason = body && !Array.isArray(body) ? body.error?.message : undefined;
    throw new Error(`Google Routes answered ${response.status}${reason ? `: ${reason}` : ''}`);
  }
  return body;
}

/** "1234s" (protobuf Duration in JSON) → 1234. */
function parseDuration(duration: string | undefined): number | null {
  const match = /^(\d+)(?:\.\d+)?s$/.exec(duration ?? '');
  return match ? Number(match[1]) : null;
}
