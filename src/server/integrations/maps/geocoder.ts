/** A place for an address, or word that none was found; a failure worth retrying rejects instead. */
export type GeocodeResult = { found: true; lat: number; lng: number } | { found: false; reason: string };

export interface Geocoder {
  readonly name: string;
  geocode(address: string): Promise<GeocodeResult>;
}

/** A failure of the service rather than of the address: the address is tried again later. */
export class GeocoderUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GeocoderUnavailable';
  }
}
