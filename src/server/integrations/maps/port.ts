/*
 * Travel between places, for planning a day's visits. The offline default estimates drives from the
 * straight-line distance; Google's Routes API answers with real road times when a key is configured.
 */

export type Coordinates = { lat: number; lng: number };

/** Seconds and metres from every point to every other, indexed [from][to]; the diagonal is 0. */
export type TravelMatrix = { seconds: number[][]; meters: number[][] };

export interface TravelTimes {
  /** For the plan's answer and logs: "straight-line", "google-routes". */
  readonly name: string;
  /** Rejects when the service cannot answer; the caller falls back to the offline estimate. */
  matrix(points: Coordinates[]): Promise<TravelMatrix>;
}
