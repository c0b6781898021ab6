import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

/**
 * A rep's Tuesday in Lyon: four customers east of the office along one road, planned in a zigzag, one
 * visit with no place, and visits that are not the day's (another day, done, someone else's).
 */
const DAY = '2027-03-09';
const ZONE = 'Europe/Paris';
const OFFICE = { lat: 45.75, lng: 4.85 };
/** Longitude steps of about 7.8 km at this latitude. */
const east = (steps: number) => ({ lat: 45.75, lng: 4.85 + steps * 0.1 });

let t: TestApp;
let manager: TestUser;
let rep: TestUser;
let peer: TestUser;
const visitIds: Record<'near' | 'middle' | 'far' | 'farthest' | 'nowhere', string> = {} as never;

beforeAll(async () => {
  t = await buildTestApp();
  manager = await t.createUser({ role: 'manager' });
  rep = await t.createUser({ managerId: manager.id });
  peer = await t.createUser();
  const account = async (name: string, location: { lat: number; lng: number } | null) =>
    (
      await t.request({
        method: 'POST',
        url: '/api/v1/accounts',
        as: rep,
        payload: { name, ...(location ? { location } : {}) },
      })
    ).json().id as string;
  const visit = async (subject: string, accountId: string, at: string, extra: Record<string, unknown> = {}) => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/activities',
      as: rep,
      payload: { type: 'visit', subject, accountId, scheduledAt: at, durationMinutes: 45, ...extra },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const near = await account('Near Farm', east(1));
  const middle = await account('Middle Co-op', east(2));
  const far = await account('Far Dealer', east(3));
  const farthest = await account('Farthest Depot', east(4));
  const nowhere = await account('Nowhere Ltd', null);
  // Planned in a zigzag: far, near, farthest, middle.
  visitIds.far = await visit('Far Dealer review', far, `${DAY}T08:00:00Z`);
  visitIds.near = await visit('Near Farm check', near, `${DAY}T10:00:00Z`, { durationMinutes: 30 });
  visitIds.farthest = await visit('Farthest Depot audit', farthest, `${DAY}T12:00:00Z`);
  visitIds.middle = await visit('Middle Co-op order', middle, `${DAY}T14:00:00Z`);
  visitIds.nowhere = await visit('Nowhere intro', nowhere, `${DAY}T15:00:00Z`);
  // Not the day's: the next day, a completed one, a cancelled one.
  await visit('Tomorrow', near, '2027-03-10T09:00:00Z');
  await visit('Done', near, `${DAY}T09:00:00Z`, { status: 'completed' });
  await visit('Called off', near, `${DAY}T09:30:00Z`, { status: 'cancelled' });
});
afterAll(async () => {
  await t.close();
});

const plan = (as: TestUser, query: Record<string, string>) =>
  t.request({ method: 'GET', url: `/api/v1/visit-route?${new URLSearchParams(query)}`, as });
const fromOffice = { date: DAY, timeZone: ZONE, startLat: String(OFFICE.lat), startLng: String(OFFICE.lng) };

describe("planning a day's visits", () => {
  it('drives out along the road instead of the zigzag, and says when each visit is reached', async () => {
    const response = await plan(rep, { ...fromOffice, startTime: '08:30' });
    expect(response.statusCode, response.body).toBe(200);
    const route = response.json();
    expect(route).toMatchObject({ date: DAY, timeZone: ZONE, ownerId: rep.id, travelTimes: 'straight-line' });
    expect(route.stops.map((stop: { activityId: string }) => stop.activityId)).toEqual([
      visitIds.near,
      visitIds.middle,
      visitIds.far,
      visitIds.farthest,
    ]);
    expect(route.unplaced).toEqual([
      {
        activityId: visitIds.nowhere,
        subject: 'Nowhere intro',
        reason: 'neither the visit nor its account has a location',
      },
    ]);

    // 08:30 in Paris in March is 07:30 UTC; each stop is reached after the last one's time on site and the drive.
    const [first, second] = route.stops;
    expect(Date.parse(first.arriveAt)).toBe(Date.parse(`${DAY}T07:30:00Z`) + first.travelSeconds * 1000);
    expect(first).toMatchObject({ accountName: 'Near Farm', durationMinutes: 30, scheduledAt: `${DAY}T10:00:00.000Z` });
    expect(Date.parse(first.departAt) - Date.parse(first.arriveAt)).toBe(30 * 60_000);
    expect(Date.parse(second.arriveAt)).toBe(Date.parse(first.departAt) + second.travelSeconds * 1000);
    // Each leg is one step of ~7.8 km, driven as ~10 km at 50 km/h: about 12 minutes.
    for (const stop of route.stops) {
      expect(stop.travelMeters).toBeGreaterThan(9_500);
      expect(stop.travelMeters).toBeLessThan(10_600);
      expect(stop.travelSeconds).toBeCloseTo(stop.travelMeters / (50_000 / 3600), -1);
    }
    const sum = (key: 'travelSeconds' | 'travelMeters') =>
      route.stops.reduce((total: number, stop: Record<string, number>) => total + (stop[key] as number), 0);
    expect(route.totalTravelSeconds).toBe(sum('travelSeconds'));
    expect(route.totalTravelMeters).toBe(sum('travelMeters'));
    // The zigzag as planned (office → far → near → farthest → middle) drives 3 + 2 + 3 + 2 = 10 steps, not 4.
    expect(route.plannedOrderTravelMeters / route.totalTravelMeters).toBeCloseTo(10 / 4, 1);
    expect(route.finishAt).toBe(route.stops[3].departAt);
    expect(route.applied).toBe(false);
  });

  it('comes back to the start on a round trip, and starts at the first visit without a start', async () => {
    const roundTrip = (await plan(rep, { ...fromOffice, returnToStart: 'true' })).json();
    // Out to the farthest and back is 8 steps whichever way round; the drive home is part of it.
    expect(roundTrip.returnMeters).toBeGreaterThan(9_500);
    expect(roundTrip.totalTravelMeters).toBeGreaterThan(8 * 9_500);
    expect(roundTrip.totalTravelMeters).toBeLessThan(8 * 10_600);
    expect(roundTrip.totalTravelMeters).toBe(
      roundTrip.stops.reduce((total: number, stop: { travelMeters: number }) => total + stop.travelMeters, 0) +
        roundTrip.returnMeters,
    );
    expect(Date.parse(roundTrip.finishAt)).toBe(
      Date.parse(roundTrip.stops[3].departAt) + roundTrip.returnSeconds * 1000,
    );
    // Without a time, the first stop is reached when the day's earliest visit is planned (08:00 UTC).
    expect(roundTrip.stops[0].arriveAt).toBe(`${DAY}T08:00:00.000Z`);

    const open = (await plan(rep, { date: DAY, timeZone: ZONE })).json();
    expect(open.start).toBeNull();
    expect(open.stops[0].travelSeconds).toBe(0);
    expect(open.stops[0].arriveAt).toBe(`${DAY}T08:00:00.000Z`);
    // From no fixed start, either end of the road is as good: three legs.
    expect(open.stops.length).toBe(4);
    expect(open.totalTravelMeters).toBeLessThan(3 * 10_600);
  });

  it("lets a manager plan their rep's day, and nobody else", async () => {
    const managed = await plan(manager, { ...fromOffice, ownerId: rep.id });
    expect(managed.statusCode, managed.body).toBe(200);
    expect(managed.json().stops).toHaveLength(4);
    expect((await plan(peer, { ...fromOffice, ownerId: rep.id })).statusCode).toBe(403);
    // The peer's own day is empty.
    expect((await plan(peer, fromOffice)).json()).toMatchObject({ stops: [], unplaced: [], finishAt: null });
  });

  it('refuses a plan it cannot make sense of, with the field at fault', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ ...fromOffice, date: '2027-02-30' }, 'date'],
      [{ ...fromOffice, timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ date: DAY, startLat: '45.7' }, 'startLng'],
      [{ date: DAY, returnToStart: 'true' }, 'returnToStart'],
      [{ ...fromOffice, startLat: '95' }, 'startLat'],
      [{ ...fromOffice, startTime: '25:00' }, 'startTime'],
      [{ ...fromOffice, ownerId: 'someone' }, 'ownerId'],
    ];
    for (const [query, field] of cases) {
      const response = await plan(rep, query);
      expect(response.statusCode, JSON.stringify(query)).toBe(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(JSON.stringify(response.json().errors ?? []), JSON.stringify(query)).toContain(field);
    }
  });
});

describe('rescheduling a day to its route', () => {
  it('moves every visit to when the route reaches it, in one go, and refuses an order the day no longer has', async () => {
    const route = (await plan(rep, { ...fromOffice, startTime: '08:30' })).json();
    const order = route.stops.map((stop: { activityId: string }) => stop.activityId);

    const stale = await t.request({
      method: 'POST',
      url: '/api/v1/visit-route/apply',
      as: rep,
      payload: { date: DAY, timeZone: ZONE, start: OFFICE, startTime: '08:30', order: order.slice(1) },
    });
    expect(stale.statusCode).toBe(409);
    const untouched = await t.request({ method: 'GET', url: `/api/v1/activities/${visitIds.near}`, as: rep });
    expect(untouched.json().scheduledAt).toBe(`${DAY}T10:00:00.000Z`);

    const applied = await t.request({
      method: 'POST',
      url: '/api/v1/visit-route/apply',
      as: rep,
      payload: { date: DAY, timeZone: ZONE, start: OFFICE, startTime: '08:30', order },
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().applied).toBe(true);
    for (const stop of applied.json().stops) {
      const visit = (await t.request({ method: 'GET', url: `/api/v1/activities/${stop.activityId}`, as: rep })).json();
      expect(visit.scheduledAt).toBe(stop.arriveAt);
      expect(stop.scheduledAt).toBe(stop.arriveAt);
      expect(visit.version).toBe(stop.version);
    }
    // Planned again, the day is already in route order.
    const again = (await plan(rep, { ...fromOffice, startTime: '08:30' })).json();
    expect(again.plannedOrderTravelMeters).toBe(again.totalTravelMeters);
  });
});

describe('appointments at an agreed time', () => {
  /** A Thursday: the farthest customer agreed to 09:30, the others are free to fit around it. */
  const THURSDAY = '2027-03-11';
  const thursday = { date: THURSDAY, timeZone: ZONE, startLat: String(OFFICE.lat), startLng: String(OFFICE.lng) };
  const ids: Record<'near' | 'middle' | 'appointment', string> = {} as never;

  beforeAll(async () => {
    const visitAt = async (name: string, steps: number, at: string, fixedTime: boolean) => {
      const account = await t.request({
        method: 'POST',
        url: '/api/v1/accounts',
        as: rep,
        payload: { name, location: east(steps) },
      });
      const response = await t.request({
        method: 'POST',
        url: '/api/v1/activities',
        as: rep,
        payload: {
          type: 'visit',
          subject: name,
          accountId: account.json().id,
          scheduledAt: `${THURSDAY}T${at}:00Z`,
          durationMinutes: 45,
          fixedTime,
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().fixedTime).toBe(fixedTime);
      return response.json().id as string;
    };
    // As planned: along the road, near then middle, and the appointment (09:30 in Paris) last.
    ids.near = await visitAt('Thursday Near', 1, '07:00', false);
    ids.middle = await visitAt('Thursday Middle', 2, '08:00', false);
    ids.appointment = await visitAt('Thursday Appointment', 4, '08:30', true);
  });

  it('reaches the appointment by its time, waiting if early, and fits the other visits after it', async () => {
    const route = (await plan(rep, { ...thursday, startTime: '08:30' })).json();
    // Along the road the appointment would be reached after 10:00; so the day goes out to it first.
    expect(route.stops.map((stop: { activityId: string }) => stop.activityId)).toEqual([
      ids.appointment,
      ids.middle,
      ids.near,
    ]);
    expect(route.lateStops).toBe(0);
    const [appointment, next] = route.stops;
    expect(appointment).toMatchObject({ fixedTime: true, lateSeconds: 0, scheduledAt: `${THURSDAY}T08:30:00.000Z` });
    // Four steps of about 12 minutes from 08:30: there before 09:30, and waits for it.
    expect(appointment.waitSeconds).toBeGreaterThan(0);
    expect(Date.parse(appointment.arriveAt) + appointment.waitSeconds * 1000).toBe(Date.parse(`${THURSDAY}T08:30:00Z`));
    expect(Date.parse(appointment.departAt)).toBe(Date.parse(`${THURSDAY}T08:30:00Z`) + 45 * 60_000);
    expect(next).toMatchObject({ fixedTime: false, waitSeconds: 0, lateSeconds: 0 });
    // The day's appointments are a filter of the activity list.
    const appointments = await t.request({
      method: 'GET',
      url: `/api/v1/activities?fixedTime=true&scheduledAtFrom=${THURSDAY}T00:00:00Z&scheduledAtTo=${THURSDAY}T23:59:59Z`,
      as: rep,
    });
    expect(appointments.json().data.map((visit: { id: string }) => visit.id)).toEqual([ids.appointment]);
    expect(Date.parse(next.arriveAt)).toBe(Date.parse(appointment.departAt) + next.travelSeconds * 1000);
  });

  it('applies the route without moving the appointment', async () => {
    const route = (await plan(rep, { ...thursday, startTime: '08:30' })).json();
    const before = (await t.request({ method: 'GET', url: `/api/v1/activities/${ids.appointment}`, as: rep })).json();
    const applied = await t.request({
      method: 'POST',
      url: '/api/v1/visit-route/apply',
      as: rep,
      payload: {
        date: THURSDAY,
        timeZone: ZONE,
        start: OFFICE,
        startTime: '08:30',
        order: route.stops.map((stop: { activityId: string }) => stop.activityId),
      },
    });
    expect(applied.statusCode, applied.body).toBe(200);
    const after = (await t.request({ method: 'GET', url: `/api/v1/activities/${ids.appointment}`, as: rep })).json();
    expect(after).toMatchObject({ scheduledAt: before.scheduledAt, version: before.version, fixedTime: true });
    for (const stop of applied.json().stops.slice(1)) {
      const visit = (await t.request({ method: 'GET', url: `/api/v1/activities/${stop.activityId}`, as: rep })).json();
      expect(visit.scheduledAt).toBe(stop.arriveAt);
    }
  });

  it('reports the appointments a day cannot keep when two clash', async () => {
    // The near customer now also insists on 09:30: one of the two is late whatever the order.
    const clash = await t.request({
      method: 'PATCH',
      url: `/api/v1/activities/${ids.near}`,
      as: rep,
      payload: { scheduledAt: `${THURSDAY}T08:30:00Z`, fixedTime: true },
    });
    expect(clash.statusCode, clash.body).toBe(200);
    const route = (await plan(rep, { ...thursday, startTime: '08:30' })).json();
    expect(route.lateStops).toBe(1);
    const late = route.stops.filter((stop: { lateSeconds: number }) => stop.lateSeconds > 0);
    expect(late).toHaveLength(1);
    expect(late[0].fixedTime).toBe(true);
    // Either way one is late by the same stay and drive; near first drives less.
    expect(route.stops[0].activityId).toBe(ids.near);
  });

  it('refuses a fixed time without a time, and changes nothing', async () => {
    const appointment = (
      await t.request({ method: 'GET', url: `/api/v1/activities/${ids.appointment}`, as: rep })
    ).json();
    const orphan = await t.request({
      method: 'POST',
      url: '/api/v1/activities',
      as: rep,
      payload: { type: 'visit', subject: 'No time', accountId: appointment.accountId, fixedTime: true },
    });
    expect(orphan.statusCode).toBe(400);
    expect(JSON.stringify(orphan.json().errors)).toContain('fixedTime');
    const unscheduled = await t.request({
      method: 'PATCH',
      url: `/api/v1/activities/${ids.appointment}`,
      as: rep,
      payload: { scheduledAt: null },
    });
    expect(unscheduled.statusCode).toBe(400);
    expect(unscheduled.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(unscheduled.json().errors)).toContain('fixedTime');
    const kept = (await t.request({ method: 'GET', url: `/api/v1/activities/${ids.appointment}`, as: rep })).json();
    expect(kept.scheduledAt).toBe(`${THURSDAY}T08:30:00.000Z`);
  });
});

describe("Google's drive times", () => {
  let google: http.Server;
  let requests: { headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[];
  let answer: (body: { origins: unknown[]; destinations: unknown[] }) => { status: number; json: unknown };
  let withGoogle: TestApp;
  let googleRep: TestUser;

  beforeAll(async () => {
    requests = [];
    google = http.createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk) => {
        raw += chunk;
      });
      request.on('end', () => {
        const body = JSON.parse(raw);
        requests.push({ headers: request.headers, body });
        const reply =
          request.url === '/distanceMatrix/v2:computeRouteMatrix' ? answer(body) : { status: 404, json: {} };
        response.writeHead(reply.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(reply.json));
      });
    });
    await new Promise<void>((resolve) => google.listen(0, '127.0.0.1', resolve));
    withGoogle = await buildTestApp({
      MERIDIAN_GOOGLE_MAPS_API_KEY: 'maps-key',
      MERIDIAN_GOOGLE_ROUTES_URL: `http://127.0.0.1:${(google.address() as AddressInfo).port}`,
    });
    googleRep = await withGoogle.createUser();
    for (const [name, steps, at] of [
      ['West', 1, '09:00'],
      ['East', 2, '11:00'],
    ] as const) {
      const account = await withGoogle.request({
        method: 'POST',
        url: '/api/v1/accounts',
        as: googleRep,
        payload: { name, location: east(steps) },
      });
      await withGoogle.request({
        method: 'POST',
        url: '/api/v1/activities',
        as: googleRep,
        payload: { type: 'visit', subject: name, accountId: account.json().id, scheduledAt: `${DAY}T${at}:00Z` },
      });
    }
  });
  afterAll(async () => {
    await withGoogle.close();
    await new Promise<void>((resolve) => google.close(() => resolve()));
  });

  it('asks the Routes API as Google documents it, and follows its road times over the straight line', async () => {
    // The road to West (node 0) from the office (node 2) is a long way round: going East first is quicker.
    const seconds = [
      [0, 600, 900],
      [600, 0, 900],
      [5_000, 700, 0],
    ];
    answer = ({ origins, destinations }) => ({
      status: 200,
      json: origins.flatMap((_, originIndex) =>
        destinations.map((__, destinationIndex) => ({
          originIndex,
          destinationIndex,
          duration: `${seconds[originIndex]?.[destinationIndex]}s`,
          distanceMeters: (seconds[originIndex]?.[destinationIndex] ?? 0) * 10,
          condition: 'ROUTE_EXISTS',
          status: {},
        })),
      ),
    });
    const route = (
      await withGoogle.request({
        method: 'GET',
        url: `/api/v1/visit-route?${new URLSearchParams(fromOffice)}`,
        as: googleRep,
      })
    ).json();
    expect(route.travelTimes).toBe('google-routes');
    expect(route.stops.map((stop: { subject: string }) => stop.subject)).toEqual(['East', 'West']);
    expect(route.stops.map((stop: { travelSeconds: number }) => stop.travelSeconds)).toEqual([700, 600]);
    expect(route.totalTravelMeters).toBe(13_000);

    const [request] = requests;
    expect(request?.headers['x-goog-api-key']).toBe('maps-key');
    expect(request?.headers['x-goog-fieldmask']).toBe(
      'originIndex,destinationIndex,duration,distanceMeters,condition,status',
    );
    expect(request?.body).toEqual({
      origins: [east(1), east(2), OFFICE].map(({ lat, lng }) => ({
        waypoint: { location: { latLng: { latitude: lat, longitude: lng } } },
      })),
      destinations: [east(1), east(2), OFFICE].map(({ lat, lng }) => ({
        waypoint: { location: { latLng: { latitude: lat, longitude: lng } } },
      })),
      travelMode: 'DRIVE',
      routingPreference: 'TRAFFIC_UNAWARE',
    });
  });

  it('plans from estimates when Google refuses, and says so', async () => {
    answer = () => ({ status: 403, json: { error: { code: 403, message: 'API key not valid.' } } });
    const response = await withGoogle.request({
      method: 'GET',
      url: `/api/v1/visit-route?${new URLSearchParams(fromOffice)}`,
      as: googleRep,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().travelTimes).toBe('straight-line');
    expect(response.json().stops.map((stop: { subject: string }) => stop.subject)).toEqual(['West', 'East']);
  });
});

describe('accounts due for a visit that the day could take in', () => {
  const lapsedVisit = new Date(Math.floor(Date.now() / 1000) * 1000 - 40 * 86_400_000).toISOString();
  beforeAll(async () => {
    const account = async (as: TestUser, name: string, fields: Record<string, unknown>) => {
      const response = await t.request({ method: 'POST', url: '/api/v1/accounts', as, payload: { name, ...fields } });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    const visit = async (accountId: string, payload: Record<string, unknown>) => {
      const response = await t.request({
        method: 'POST',
        url: '/api/v1/activities',
        as: rep,
        payload: { type: 'visit', subject: 'Cycle visit', accountId, ...payload },
      });
      expect(response.statusCode, response.body).toBe(201);
    };
    // Just off the road the day drives, and far north of it: both due, never visited.
    await account(rep, 'Roadside Garage', { location: { lat: 45.76, lng: 5.1 }, visitEveryDays: 30 });
    await account(rep, 'Mountain Store', { location: { lat: 46.3, lng: 5.0 }, visitEveryDays: 14 });
    // Visited 40 days ago on a 30-day cycle: due 10 days ago; past the day's last stop.
    const lapsed = await account(rep, 'Lapsed Dealer', { location: east(6), visitEveryDays: 30 });
    await visit(lapsed, { status: 'completed', scheduledAt: lapsedVisit, completedAt: lapsedVisit });
    // Not to suggest: a visit already planned, visited yesterday, no cycle, no place, another rep's.
    const booked = await account(rep, 'Booked Farm', { location: east(1.5), visitEveryDays: 30 });
    await visit(booked, { scheduledAt: '2027-04-01T09:00:00Z' });
    const fresh = await account(rep, 'Fresh Co', { location: east(2.2), visitEveryDays: 30 });
    await visit(fresh, { status: 'completed', scheduledAt: new Date(Date.now() - 86_400_000).toISOString() });
    await account(rep, 'No Cycle Yard', { location: east(2.4) });
    await account(rep, 'No Place Shop', { visitEveryDays: 7 });
    await account(peer, 'Peer Garage', { location: east(2.6), visitEveryDays: 7 });
  });

  it("suggests the rep's due accounts the route passes closest, with the detour", async () => {
    // Mountain Store is over 50 km out of the day's way: only a rep who would drive that far is offered it.
    const nearby = (await plan(rep, fromOffice)).json();
    expect(nearby.suggestions.map((suggestion: { accountName: string }) => suggestion.accountName)).toEqual([
      'Roadside Garage',
      'Lapsed Dealer',
    ]);
    const route = (await plan(rep, { ...fromOffice, suggestWithinKm: '200' })).json();
    expect(route.suggestions.map((suggestion: { accountName: string }) => suggestion.accountName)).toEqual([
      'Roadside Garage',
      'Lapsed Dealer',
      'Mountain Store',
    ]);
    expect((await plan(rep, { ...fromOffice, suggestWithinKm: '0' })).statusCode).toBe(400);
    const [roadside, lapsed, mountain] = route.suggestions;
    expect(lapsed).toMatchObject({
      lastVisitAt: lapsedVisit,
      visitDueAt: new Date(Date.parse(lapsedVisit) + 30 * 86_400_000).toISOString(),
    });
    expect(lapsed.detourMeters).toBeGreaterThan(10_000);
    expect(roadside).toMatchObject({
      location: { lat: 45.76, lng: 5.1 },
      visitEveryDays: 30,
      lastVisitAt: null,
      visitDueAt: null,
    });
    expect(roadside.detourMeters).toBeLessThan(3_000);
    expect(mountain.detourMeters).toBeGreaterThan(50_000);
    // Their manager planning the rep's day is offered the same.
    const managed = (await plan(manager, { ...fromOffice, ownerId: rep.id, suggestWithinKm: '200' })).json();
    expect(managed.suggestions).toEqual(route.suggestions);
    // Once a visit is planned for it, an account is no longer suggested.
    const roadsideId = roadside.accountId as string;
    const planned = await t.request({
      method: 'POST',
      url: '/api/v1/activities',
      as: rep,
      payload: { type: 'visit', subject: 'Fitted in', accountId: roadsideId, scheduledAt: `${DAY}T16:00:00Z` },
    });
    expect(planned.statusCode, planned.body).toBe(201);
    const after = (await plan(rep, { ...fromOffice, suggestWithinKm: '200' })).json();
    expect(after.suggestions.map((suggestion: { accountName: string }) => suggestion.accountName)).toEqual([
      'Lapsed Dealer',
      'Mountain Store',
    ]);
    expect(after.stops).toHaveLength(5);
  });
});
