import { describe, expect, it } from 'vitest';
import { haversineMeters } from './haversine.js';

describe('haversineMeters', () => {
  it('is zero for the same point', () => {
    expect(haversineMeters({ lat: 52.52, lng: 13.405 }, { lat: 52.52, lng: 13.405 })).toBe(0);
  });

  it('measures one degree of latitude as about 111.2 km anywhere', () => {
    expect(haversineMeters({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_195, -1);
    expect(haversineMeters({ lat: 60, lng: 25 }, { lat: 61, lng: 25 })).toBeCloseTo(111_195, -1);
  });

  it('shrinks a degree of longitude with the cosine of the latitude', () => {
    const atEquator = haversineMeters({ lat: 0, lng: 0 }, { lat: 0, lng: 1 });
    const atSixty = haversineMeters({ lat: 60, lng: 0 }, { lat: 60, lng: 1 });
    expect(atSixty / atEquator).toBeCloseTo(0.5, 3);
  });

  it('matches known city distances', () => {
    const paris = { lat: 48.8566, lng: 2.3522 };
    const london = { lat: 51.5074, lng: -0.1278 };
    expect(haversineMeters(paris, london) / 1000).toBeCloseTo(343.5, 0);
    const sydney = { lat: -33.8688, lng: 151.2093 };
    const losAngeles = { lat: 34.0522, lng: -118.2437 };
    expect(haversineMeters(sydney, losAngeles) / 1000).toBeCloseTo(12_074, -1);
  });

  it('is symmetric and crosses the antimeridian the short way', () => {
    const west = { lat: 0, lng: 179.999 };
    const east = { lat: 0, lng: -179.999 };
    expect(haversineMeters(west, east)).toBeCloseTo(222.4, 0);
    expect(haversineMeters(east, west)).toBe(haversineMeters(west, east));
  });

  it('answers half the circumference for antipodal points', () => {
    expect(haversineMeters({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * 6_371_008.8, 0);
  });

  it('sees a few hundred metres at street scale', () => {
    // 0.0045° of latitude ≈ 500 m.
    expect(haversineMeters({ lat: 48.1, lng: 11.5 }, { lat: 48.1045, lng: 11.5 })).toBeCloseTo(500.4, 0);
  });
});
