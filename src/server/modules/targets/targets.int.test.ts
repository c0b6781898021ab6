import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { salesTargets } from '../../db/schema/index.js';

let t: TestApp;
let manager: TestUser;
let otherManager: TestUser;
let rep: TestUser;
let teammate: TestUser;
let outsider: TestUser;
let territoryId: string;

/** The next `count` months (YYYY-MM) from this one (UTC). */
function months(count: number): string[] {
  const now = new Date();
  return Array.from({ length: count }, (_, index) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + index, 1)).toISOString().slice(0, 7),
  );
}
const thisMonth = months(1)[0] as string;

beforeAll(async () => {
  t = await buildTestApp();
  territoryId = (
    await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name: 'Targets North' } })
  ).json().id;
  manager = await t.createUser({ role: 'manager' });
  otherManager = await t.createUser({ role: 'manager' });
  rep = await t.createUser({ managerId: manager.id, territoryIds: [territoryId], name: 'Ada Rep' });
  teammate = await t.createUser({ managerId: manager.id, name: 'Ben Rep' });
  outsider = await t.createUser({ managerId: otherManager.id, name: 'Cy Rep' });
});
afterAll(async () => {
  await t.close();
});

const setTarget = (as: TestUser, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.request({ method: 'POST', url: '/api/v1/targets', as, payload, headers });

async function target(as: TestUser, payload: Record<string, unknown>) {
  const response = await setTarget(as, payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const get = (as: TestUser, url: string) => t.request({ method: 'GET', url: `/api/v1${url}`, as });

async function deal(owner: TestUser, payload: Record<string, unknown>) {
  const account = await t.request({
    method: 'POST',
    url: '/api/v1/accounts',
    as: owner,
    payload: { name: `Targets account ${Math.random()}` },
  });
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/opportunities',
    as: owner,
    payload: { name: 'Targets deal', accountId: account.json().id, ...payload },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('sales targets', () => {
  it('lets a manager set the targets of the people below them, and nobody their own', async () => {
    const created = await setTarget(manager, { userId: rep.id, month: '2030-01', amount: 10_000 });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      userId: rep.id,
      month: '2030-01',
      amount: 10_000,
      currency: 'USD',
      setById: manager.id,
      version: 1,
    });
    expect(created.headers.location).toBe(`/api/v1/targets/${created.json().id}`);

    const before = await t.deps.database.db.$count(salesTargets);
    for (const [as, userId] of [
      [manager, manager.id],
      [manager, outsider.id],
      [rep, rep.id],
      [otherManager, rep.id],
    ] as const) {
      const refused = await setTarget(as, { userId, month: '2030-02', amount: 1 });
      expect(refused.statusCode, `${as.email} for ${userId}`).toBe(403);
    }
    const twice = await setTarget(manager, { userId: rep.id, month: '2030-01', amount: 5 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().existingId).toBe(created.json().id);
    for (const payload of [
      { userId: rep.id, month: '2030-13', amount: 1 },
      { userId: rep.id, month: '2030-1', amount: 1 },
      { userId: rep.id, month: '2030-03', amount: -1 },
      { userId: rep.id, month: '2030-03', amount: 1.234 },
      { userId: rep.id, month: '2030-03', amount: 1, currency: 'usd' },
      { userId: '01a00000-0000-7000-8000-000000000000', month: '2030-03', amount: 1 },
      { userId: rep.id, month: '2030-03' },
    ]) {
      const response = await setTarget(manager, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await t.deps.database.db.$count(salesTargets)).toBe(before);
    // An admin sets anyone's, a manager's included.
    await target(t.admin, { userId: manager.id, month: '2030-01', amount: 40_000 });
  });

  it('shows a target to its person, the managers above them and admins', async () => {
    const mine = await target(manager, { userId: teammate.id, month: '2030-04', amount: 7_000 });
    const months = (rows: { userId: string }[]) => rows.map((row) => row.userId).sort();
    expect(months((await get(teammate, '/targets?monthFrom=2030-04&monthTo=2030-04')).json().data)).toEqual([
      teammate.id,
    ]);
    expect((await get(rep, '/targets?monthFrom=2030-04&monthTo=2030-04')).json().data).toEqual([]);
    expect((await get(rep, `/targets/${mine.id}`)).statusCode).toBe(404);
    expect((await get(otherManager, `/targets/${mine.id}`)).statusCode).toBe(404);
    expect((await get(manager, `/targets/${mine.id}`)).statusCode).toBe(200);
    const managers = (await get(manager, '/targets?includeTotal=true&sort=month')).json();
    expect(new Set(managers.data.map((row: { userId: string }) => row.userId))).toEqual(
      new Set([rep.id, teammate.id, manager.id]),
    );
    const territory = (await get(t.admin, `/targets?territoryId=${territoryId}`)).json();
    expect(new Set(territory.data.map((row: { userId: string }) => row.userId))).toEqual(new Set([rep.id]));
    expect((await get(teammate, '/targets?userId=me')).json().data).toHaveLength(1);
  });

  it('changes under If-Match, and deletes and restores a month', async () => {
    const set = await target(manager, { userId: rep.id, month: '2030-06', amount: 3_000 });
    const url = `/api/v1/targets/${set.id}`;
    const stale = await t.request({
      method: 'PATCH',
      url,
      as: manager,
      payload: { amount: 3_500 },
      headers: { 'if-match': '"9"' },
    });
    expect(stale.statusCode).toBe(412);
    const changed = await t.request({
      method: 'PATCH',
      url,
      as: t.admin,
      payload: { amount: 3_500 },
      headers: { 'if-match': '"1"' },
    });
    expect(changed.json()).toMatchObject({ amount: 3_500, version: 2, setById: t.admin.id });
    expect((await t.request({ method: 'PATCH', url, as: rep, payload: { amount: 1e6 } })).statusCode).toBe(403);
    expect((await t.request({ method: 'DELETE', url, as: manager })).statusCode).toBe(204);
    const again = await target(manager, { userId: rep.id, month: '2030-06', amount: 4_000 });
    const restore = await t.request({ method: 'POST', url: `${url}/restore`, as: manager });
    expect(restore.statusCode).toBe(409);
    expect(restore.json().existingId).toBe(again.id);
  });

  it('sets targets against what was won, per person and in total', async () => {
    // A won deal's close date is the day it was won: the period is this month and the next two.
    const [, next, last] = months(3);
    await target(manager, { userId: rep.id, month: next, amount: 10_000 });
    await target(manager, { userId: rep.id, month: last, amount: 5_000 });
    await deal(rep, { amount: 6_000, closeDate: `${next}-15`, stage: 'closed_won' });
    await deal(rep, { amount: 4_000, closeDate: `${next}-10`, stage: 'negotiation' });
    await deal(rep, { amount: 9_999, closeDate: `${months(5)[4]}-10`, stage: 'negotiation' }); // after the period
    await deal(rep, { amount: 2_000, closeDate: `${last}-01`, stage: 'proposal', currency: 'EUR' });
    await deal(teammate, { amount: 1_000, closeDate: `${last}-20`, stage: 'closed_won' });
    await deal(outsider, { amount: 50_000, closeDate: `${last}-20`, stage: 'closed_won' });
    const period = `from=${thisMonth}&to=${last}`;

    const report = await get(manager, `/reports/attainment?${period}`);
    expect(report.statusCode, report.body).toBe(200);
    const body = report.json();
    expect(body).toMatchObject({ currency: 'USD', from: thisMonth, to: last });
    expect(body.data).toEqual([
      {
        userId: rep.id,
        name: 'Ada Rep',
        target: 15_000,
        closedWon: 6_000,
        commit: 4_000,
        weighted: 3_000,
        bestCase: 4_000,
        attainment: 0.4,
        projected: 0.6,
        gap: 9_000,
      },
      expect.objectContaining({ userId: teammate.id, target: 0, closedWon: 1_000, attainment: null, gap: 0 }),
    ]);
    expect(body.totals).toMatchObject({
      target: 15_000,
      closedWon: 7_000,
      weighted: 3_000,
      attainment: 0.4667,
    });

    // A rep sees their own row; an admin everyone's, the other team's included; narrowing by person or place.
    const own = (await get(rep, `/reports/attainment?${period}`)).json();
    expect(own.data.map((row: { userId: string }) => row.userId)).toEqual([rep.id]);
    const everyone = (await get(t.admin, `/reports/attainment?${period}`)).json();
    expect(everyone.data.map((row: { userId: string }) => row.userId)).toContain(outsider.id);
    const territory = (await get(t.admin, `/reports/attainment?${period}&territoryId=${territoryId}`)).json();
    expect(territory.data.map((row: { userId: string }) => row.userId)).toEqual([rep.id]);
    const asked = (await get(manager, `/reports/attainment?${period}&userId=${outsider.id}`)).json();
    expect(asked.data).toEqual([]);
    const euros = (await get(manager, `/reports/attainment?${period}&currency=EUR`)).json();
    expect(euros.data).toEqual([
      expect.objectContaining({ userId: rep.id, target: 0, bestCase: 2_000, attainment: null }),
    ]);
    // Without a period: the current quarter.
    const quarter = (await get(manager, '/reports/attainment')).json();
    const quarterStart = Math.floor(new Date().getUTCMonth() / 3) * 3 + 1;
    expect(quarter.from).toBe(`${new Date().getUTCFullYear()}-${String(quarterStart).padStart(2, '0')}`);

    for (const query of ['from=2030-03&to=2030-01', 'from=2030-01&to=2032-01', 'from=2030-1', 'currency=eur']) {
      const refused = await get(manager, `/reports/attainment?${query}`);
      expect(refused.statusCode, query).toBe(400);
    }
  });

  it('draws the target line of the forecast', async () => {
    await target(manager, { userId: rep.id, month: thisMonth, amount: 8_000 });
    await target(manager, { userId: teammate.id, month: thisMonth, amount: 2_000 });
    await target(otherManager, { userId: outsider.id, month: thisMonth, amount: 100_000 });
    const forecastOf = async (as: TestUser, query = '') => {
      const response = await get(as, `/reports/forecast?months=3${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const managers = await forecastOf(manager);
    expect(managers.data[0]).toMatchObject({ month: thisMonth, target: 10_000 });
    const monthly = managers.data.map((month: { target: number }) => month.target);
    expect(managers.totals.target).toBe(monthly.reduce((sum: number, value: number) => sum + value, 0));
    expect((await forecastOf(rep)).data[0].target).toBe(8_000);
    expect((await forecastOf(t.admin)).data[0].target).toBe(110_000);
    expect((await forecastOf(manager, `&ownerId=${teammate.id}`)).data[0].target).toBe(2_000);
  });
});
