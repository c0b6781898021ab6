import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { geocodeAccountsJob } from '../../jobs/geocode-accounts.job.js';
import { createJobWorker, scheduleRecurringJobs } from '../../jobs/queue.js';
import { geocodeAccounts } from './account-geocoding.service.js';

/**
 * A stand-in for Google's Geocoding API that holds requests to its documented shape (GET
 * /maps/api/geocode/json with `address` and `key`) and knows a few addresses.
 */
const places: Record<string, { lat: number; lng: number }> = {
  '12 Rue Victor Hugo, Lyon, 69002, FR': { lat: 45.7542, lng: 4.8286 },
  'Via Roma 1, Milan, IT': { lat: 45.4654, lng: 9.1866 },
};
let google: http.Server;
let asked: URL[] = [];
let outage = false;
let t: TestApp;

beforeAll(async () => {
  google = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    asked.push(url);
    const reply = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname !== '/maps/api/geocode/json' || url.searchParams.get('key') !== 'maps-key') {
      return reply({ status: 'REQUEST_DENIED', error_message: 'The provided API key is invalid.', results: [] });
    }
    if (outage)
      return reply({ status: 'OVER_QUERY_LIMIT', error_message: 'You have exceeded your quota.', results: [] });
    const place = places[url.searchParams.get('address') ?? ''];
    reply(
      place
        ? { status: 'OK', results: [{ geometry: { location: place, location_type: 'ROOFTOP' } }] }
        : { status: 'ZERO_RESULTS', results: [] },
    );
  });
  await new Promise<void>((resolve) => google.listen(0, '127.0.0.1', resolve));
  t = await buildTestApp({
    MERIDIAN_GOOGLE_MAPS_API_KEY: 'maps-key',
    MERIDIAN_GOOGLE_GEOCODING_URL: `http://127.0.0.1:${(google.address() as AddressInfo).port}`,
  });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => google.close(() => resolve()));
});

const create = async (payload: Record<string, unknown>) => {
  const response = await t.request({ method: 'POST', url: '/api/v1/accounts', as: t.admin, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
};
const read = async (id: string) =>
  (await t.request({ method: 'GET', url: `/api/v1/accounts/${id}`, as: t.admin })).json();

describe('placing accounts from their address', () => {
  it('finds the position of an address nobody placed, and leaves a position someone gave alone', async () => {
    const lyon = await create({
      name: 'Lyon Tractors',
      address: { street: '12 Rue Victor Hugo', city: 'Lyon', postalCode: '69002', country: 'FR' },
    });
    const placedByHand = await create({
      name: 'Placed By Hand',
      address: { street: 'Via Roma 1', city: 'Milan', country: 'IT' },
      location: { lat: 45.1, lng: 9.1 },
    });
    const noAddress = await create({ name: 'Nowhere Yet' });

    asked = [];
    expect(await geocodeAccounts(t.deps)).toEqual({ placed: 1, unplaced: 0 });
    expect(asked.map((url) => url.searchParams.get('address'))).toEqual(['12 Rue Victor Hugo, Lyon, 69002, FR']);
    const placed = await read(lyon.id);
    expect(placed.location).toEqual({ lat: 45.7542, lng: 4.8286 });
    expect(placed.version).toBe(lyon.version + 1);
    expect((await read(placedByHand.id)).location).toEqual({ lat: 45.1, lng: 9.1 });
    expect((await read(noAddress.id)).location).toBeNull();

    // Done once: the next run asks nothing.
    asked = [];
    expect(await geocodeAccounts(t.deps)).toEqual({ placed: 0, unplaced: 0 });
    expect(asked).toEqual([]);

    // The system's change is in the account's history like anyone's.
    const audit = await t.request({
      method: 'GET',
      url: `/api/v1/audit?entity=accounts&entityId=${lyon.id}`,
      as: t.admin,
    });
    expect(audit.statusCode, audit.body).toBe(200);
    expect(
      audit
        .json()
        .data.some(
          (row: { action: string; actorId: string | null }) => row.action === 'update' && row.actorId === null,
        ),
    ).toBe(true);
  });

  it('places a moved account again, unless a person has placed it since', async () => {
    const moving = await create({
      name: 'Moving Co',
      address: { street: '12 Rue Victor Hugo', city: 'Lyon', postalCode: '69002', country: 'FR' },
    });
    await geocodeAccounts(t.deps);
    const moved = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${moving.id}`,
      as: t.admin,
      payload: { address: { street: 'Via Roma 1', city: 'Milan', postalCode: null, country: 'IT' } },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await geocodeAccounts(t.deps);
    expect((await read(moving.id)).location).toEqual({ lat: 45.4654, lng: 9.1866 });

    // Placed by hand now: a later move of the address does not overwrite it.
    await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${moving.id}`,
      as: t.admin,
      payload: { location: { lat: 1, lng: 2 } },
    });
    await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${moving.id}`,
      as: t.admin,
      payload: { address: { street: '12 Rue Victor Hugo', city: 'Lyon', postalCode: '69002', country: 'FR' } },
    });
    await geocodeAccounts(t.deps);
    expect((await read(moving.id)).location).toEqual({ lat: 1, lng: 2 });
  });

  it('asks about an unknown address once, and waits out an outage without losing its place', async () => {
    const unknown = await create({
      name: 'Unknown Street Ltd',
      address: { street: '999 Nowhere Lane', city: 'Atlantis' },
    });
    expect(await geocodeAccounts(t.deps)).toMatchObject({ unplaced: 1 });
    asked = [];
    await geocodeAccounts(t.deps);
    expect(asked).toEqual([]);
    expect((await read(unknown.id)).location).toBeNull();

    outage = true;
    const waiting = await create({
      name: 'Waiting Co',
      address: { street: 'Via Roma 1', city: 'Milan', country: 'IT' },
    });
    expect(await geocodeAccounts(t.deps)).toEqual({ placed: 0, unplaced: 0 });
    outage = false;
    // The recurring job carries on where the outage stopped it.
    await scheduleRecurringJobs(t.deps.database.db, [geocodeAccountsJob], new Date(Date.now() - 120_000));
    expect(await createJobWorker(t.deps, [geocodeAccountsJob]).runDueJobs()).toBeGreaterThanOrEqual(1);
    expect((await read(waiting.id)).location).toEqual({ lat: 45.4654, lng: 9.1866 });
  });
});
