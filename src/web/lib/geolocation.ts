import type { VisitPosition } from '../../shared/contracts/activities.js';

/** Why the browser gave no position, in words that say what to do next. */
export class PositionUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PositionUnavailable';
  }
}

/** How long a phone may look for a fix before we say so: a GPS cold start indoors can take this long. */
const POSITION_TIMEOUT_MS = 20_000;

/**
 * Where the device is now, as precisely as it can tell (GPS rather than Wi-Fi), for a visit check-in or
 * check-out. Never a remembered position: the check-out must not repeat where the check-in was.
 */
export function currentPosition(): Promise<VisitPosition> {
  return new Promise((resolve, reject) => {
    if (!window.isSecureContext || !('geolocation' in navigator)) {
      reject(
        new PositionUnavailable(
          'This browser cannot share your location here. Open Meridian over https on a phone or a browser with location services.',
        ),
      );
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) =>
        resolve({
          lat: position.coords.latitude,
          lng: position.coords.longitude,
          accuracy: Math.round(position.coords.accuracy * 10) / 10,
        }),
      (error) => reject(new PositionUnavailable(explain(error))),
      { enableHighAccuracy: true, timeout: POSITION_TIMEOUT_MS, maximumAge: 0 },
    );
  });
}

function explain(error: GeolocationPositionError): string {
  switch (error.code) {
    case error.PERMISSION_DENIED:
      return 'Location access is blocked for Meridian. Allow it in the browser’s site settings (the icon left of the address), then try again.';
    case error.TIMEOUT:
      return 'Finding your position took too long. Step outside or near a window, then try again.';
    default:
      return 'Your position is not available right now. Turn on location services on this device, then try again.';
  }
}
