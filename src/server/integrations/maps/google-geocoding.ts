import { type GeocodeResult, type Geocoder, GeocoderUnavailable } from './geocoder.js';

export type GoogleGeocodingOptions = { apiKey: string; baseUrl: string; timeoutMs: number };

/**
 * Google's Geocoding API: `GET /maps/api/geocode/json?address=…&key=…`. ZERO_RESULTS is an answer (the
 * address is not tried again until it changes); quota, denial and outages are not, and reject.
 */
export function createGoogleGeocoder(options: GoogleGeocodingOptions): Geocoder {
  return {
    name: 'google-geocoding',
    async geocode(address: string): Promise<GeocodeResult> {
      const url = `${options.baseUrl}/maps/api/geocode/json?${new URLSearchParams({ address, key: options.apiKey })}`;
      let body: {
        status?: string;
        error_message?: string;
        results?: { geometry?: { location?: { lat: number; lng: number } } }[];
      };
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
        body = (await response.json()) as typeof body;
      } catch (error) {
        throw new GeocoderUnavailable(`Google Geocoding unreachable: ${(error as Error).message}`);
      }
      const location = body.results?.[0]?.geometry?.location;
      if (body.status === 'OK' && location) return { found: true, lat: location.lat, lng: location.lng };
      if (body.status === 'ZERO_RESULTS') return { found: false, reason: 'no place has this address' };
      throw new GeocoderUnavailable(
        `Google Geocoding answered ${body.status ?? 'nothing'}${body.error_message ? `: ${body.error_message}` : ''}`,
      );
    },
  };
}
