import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { haversineMeters } from '../activities/haversine.js';

let t: TestApp;
let rep: TestUser;
let peer: TestUser;
const here = { lat: 41.8781, lng: -87.6298 };

beforeAll(async () => {
  t = await buildTestApp();
  rep = await t.createUser();
  peer = await t.createUser();
  const account = async (as: TestUser, name: string, location: { lat: number; lng: number } | null, extra = {}) => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as,
      payload: { name, location, ...extra },
    });
    expect(response.statusCode, response.body).toBe(201);
  };
  await account(rep, 'Round the Corner Dealer', { lat: 41.88, lng: -87.63 }, { type: 'dealer' });
  await account(rep, 'Across Town Farm', { lat: 41.95, lng: -87.75 });
  await account(rep, 'Next Town Yard', { lat: 41.98, lng: -87.85 }, { type: 'dealer', visitEveryDays: 30 });
  await account(rep, 'Far Away Co', { lat: 43.07, lng: -89.4 });
  await account(rep, 'No Place Ltd', null);
  await account(peer, 'Peer Neighbour', { lat: 41.879, lng: -87.631 });
  await account(rep, 'Dateline East', { lat: -16.5, lng: 179.95 });
  await account(rep, 'Dateline West', { lat: -16.5, lng: -179.95 });
});
afterAll(async () => {
  await t.close();
});

const nearby = (as: TestUser, query: Record<string, string>) =>
  t.request({ method: 'GET', url: `/api/v1/accounts/nearby?${new URLSearchParams(query)}`, as });
const names = (body: { data: { account: { name: string } }[] }) => body.data.map((hit) => hit.account.name);

describe('accounts near a place', () => {
  it('are the ones the caller sees within the distance, nearest first, with how far', async () => {
    const response = await nearby(rep, { lat: String(here.lat), lng: String(here.lng) });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(names(body)).toEqual(['Round the Corner Dealer', 'Across Town Farm', 'Next Town Yard']);
    const [corner] = body.data;
    expect(corner.distanceMeters).toBe(Math.round(haversineMeters(here, { lat: 41.88, lng: -87.63 })));
    expect(corner.account).toMatchObject({ type: 'dealer', location: { lat: 41.88, lng: -87.63 } });

    const wider = await nearby(rep, { lat: String(here.lat), lng: String(here.lng), withinKm: '300' });
    expect(names(wider.json())).toContain('Far Away Co');
    const closest = await nearby(rep, { lat: String(here.lat), lng: String(here.lng), limit: '1' });
    expect(names(closest.json())).toEqual(['Round the Corner Dealer']);
    // The peer's account next door is theirs to see, not the rep's.
    expect(names(await (await nearby(peer, { lat: String(here.lat), lng: String(here.lng) })).json())).toEqual([
      'Peer Neighbour',
    ]);
  });

  it('filters by type and call cycle, and reaches across the date line', async () => {
    const dealersDue = await nearby(rep, {
      lat: String(here.lat),
      lng: String(here.lng),
      type: 'dealer',
      visitDue: 'true',
    });
    expect(names(dealersDue.json())).toEqual(['Next Town Yard']);
    const fiji = await nearby(rep, { lat: '-16.5', lng: '179.99' });
    expect(names(fiji.json())).toEqual(['Dateline East', 'Dateline West']);
  });

  it('refuses a place that is not one', async () => {
    const places: Record<string, string>[] = [
      { lat: '91', lng: '0' },
      { lat: 'north', lng: '0' },
      { lat: '10' },
      { lat: '10', lng: '10', withinKm: '0' },
      { lat: '10', lng: '10', withinKm: '501' },
    ];
    for (const query of places) {
      const refused = await nearby(rep, query);
      expect(refused.statusCode, JSON.stringify(query)).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
  });
});
