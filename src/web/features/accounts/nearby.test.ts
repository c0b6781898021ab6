import { describe, expect, it } from 'vitest';
import {
  accuracyNote,
  activeFilters,
  awayLabel,
  awayTitle,
  defaultNearbyChoices,
  directionsUrl,
  NEARBY_LIMIT,
  nearbyCountLine,
  nearbyEmpty,
  nearbyQuery,
  placeLine,
  telHref,
} from './nearby.js';

describe('awayLabel', () => {
  it('says metres to the metre close by, then in tens', () => {
    expect(awayLabel(0)).toBe('0 m');
    expect(awayLabel(45.4)).toBe('45 m');
    expect(awayLabel(99)).toBe('99 m');
    expect(awayLabel(846)).toBe('850 m');
    expect(awayLabel(994)).toBe('990 m');
  });

  it('says kilometres with a tenth up to 100 km, whole beyond', () => {
    expect(awayLabel(996)).toBe('1 km');
    expect(awayLabel(1_000)).toBe('1 km');
    expect(awayLabel(1_240)).toBe('1.2 km');
    expect(awayLabel(12_430)).toBe('12.4 km');
    expect(awayLabel(12_000)).toBe('12 km');
    expect(awayLabel(99_940)).toBe('99.9 km');
    expect(awayLabel(134_400)).toBe('134 km');
  });

  it('gives the exact figure on hover', () => {
    expect(awayTitle(8_453)).toBe('8,453 m as the crow flies');
  });
});

describe('nearbyQuery', () => {
  const here = { lat: 45.7578137, lng: 4.8320114 };

  it('asks around the position, within the distance, the nearest 50', () => {
    expect(nearbyQuery(here, defaultNearbyChoices)).toBe(`lat=45.75781&lng=4.83201&withinKm=25&limit=${NEARBY_LIMIT}`);
  });

  it('adds the filters chosen, and visitDue when only due ones are asked', () => {
    const query = new URLSearchParams(
      nearbyQuery(here, { withinKm: 5, mine: true, dueOnly: false, type: 'dealer' }, { due: true }),
    );
    expect(query.get('withinKm')).toBe('5');
    expect(query.get('ownerId')).toBe('me');
    expect(query.get('type')).toBe('dealer');
    expect(query.get('visitDue')).toBe('true');
    expect(new URLSearchParams(nearbyQuery(here, { ...defaultNearbyChoices, dueOnly: true })).get('visitDue')).toBe(
      'true',
    );
  });
});

describe('quick actions', () => {
  it('calls the number as dialled, without its spacing', () => {
    expect(telHref('+33 1 42 68 53 00')).toBe('tel:+33142685300');
    expect(telHref('(453) 555-0124')).toBe('tel:4535550124');
    expect(telHref(null)).toBeNull();
    expect(telHref('n/a')).toBeNull();
  });

  it('asks the maps app for directions to the account', () => {
    expect(directionsUrl({ lat: 45.75, lng: 4.85 })).toBe(
      'https://www.google.com/maps/dir/?api=1&destination=45.75,4.85',
    );
  });

  it('says where the account is by street and city', () => {
    const address = { street: '12 Quai Perrache', city: 'Lyon', state: null, postalCode: null, country: 'France' };
    expect(placeLine(address)).toBe('12 Quai Perrache, Lyon');
    expect(placeLine({ ...address, street: null })).toBe('Lyon');
    expect(placeLine({ street: null, city: null, state: null, postalCode: null, country: null })).toBeNull();
  });
});

describe('the words of the list', () => {
  it('counts what is shown, and says when only the nearest are', () => {
    expect(nearbyCountLine(3, defaultNearbyChoices)).toBe('3 accounts within 25 km, nearest first');
    expect(nearbyCountLine(1, { ...defaultNearbyChoices, withinKm: 5 })).toBe('1 account within 5 km');
    expect(nearbyCountLine(2, { withinKm: 10, mine: true, dueOnly: true, type: 'dealer' })).toBe(
      '2 dealers of yours due for a visit within 10 km, nearest first',
    );
    expect(nearbyCountLine(1, { withinKm: 10, mine: true, dueOnly: false, type: 'dealer' })).toBe(
      '1 dealer of yours within 10 km',
    );
    expect(nearbyCountLine(NEARBY_LIMIT, defaultNearbyChoices)).toBe('The nearest 50 accounts within 25 km');
  });

  it('teaches when nothing is near: widen, give accounts an address, or turn filters off', () => {
    expect(nearbyEmpty(defaultNearbyChoices)).toEqual({
      title: 'No accounts with a known place within 25 km.',
      body: 'Widen the distance, or check that accounts have an address: Meridian finds their place from it.',
    });
    expect(nearbyEmpty({ ...defaultNearbyChoices, withinKm: 50 }).body).toBe(
      'Check that accounts have an address: Meridian finds their place from it.',
    );
    const filtered = nearbyEmpty({ withinKm: 5, mine: true, dueOnly: true, type: null });
    expect(filtered.title).toBe('No accounts of yours due for a visit with a known place within 5 km.');
    expect(filtered.body).toContain('Only mine and Only due for a visit are on: turn them off to see more.');
    expect(activeFilters({ ...defaultNearbyChoices, type: 'dealer' })).toEqual(['Dealers only']);
  });

  it('warns of a rough position only', () => {
    expect(accuracyNote(undefined)).toBeNull();
    expect(accuracyNote(35)).toBeNull();
    expect(accuracyNote(3_200)).toBe('Your position is known only to about 3.2 km: distances may be off by as much.');
  });
});
