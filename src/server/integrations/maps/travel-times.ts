import type { Config } from '../../config.js';
import { createGoogleRoutesTravelTimes } from './google-routes.js';
import type { TravelTimes } from './port.js';
import { straightLineMatrix, straightLineTravelTimes } from './straight-line.js';

const services = new WeakMap<Config, TravelTimes>();

/** Google's road times when a key is configured, else the straight-line estimate. */
export function travelTimesFor(config: Config): TravelTimes {
  let service = services.get(config);
  if (!service) {
    service = config.maps ? createGoogleRoutesTravelTimes(config.maps, straightLineMatrix) : straightLineTravelTimes;
    services.set(config, service);
  }
  return service;
}
