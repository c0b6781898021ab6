import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

/**
 * The visibility matrix of API.md for deals: an admin, the manager of territory North with one rep,
 * and a rep in territory South (as in test/platform/visibility.int.test.ts).
 */
let t: TestApp;
let manager: TestUser;
let northRep: TestUser;
let southRep: TestUser;
const ids: Record<string, string> = {};
const territories: Record<'north' | 'south', string> = { north: '', south: '' };

beforeAll(async () => {
  t = await buildTestApp();
  const territory = async (name: string) =>
    (await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name } })).json()
      .id as string;
  const north = await territory('North');
  const south = await territory('South');
  territories.north = north;
  territories.south = south;
  manager = await t.createUser({ role: 'manager' });
  await t.request({
    method: 'PATCH',
    url: `/api/v1/territories/${north}`,
    as: t.admin,
    payload: { managerId: manager.id },
  });
  northRep = await t.createUser({ managerId: manager.id, territoryIds: [north] });
  southRep = await t.createUser({ territoryIds: [south] });

  const account = async (as: TestUser, name: string, territoryId: string | null) =>
    (await t.request({ method: 'POST', url: '/api/v1/accounts', as, payload: { name, territoryId } })).json()
      .id as string;
  const northAccount = await account(northRep, 'North Farm', north);
  const southAccount = await account(southRep, 'South Farm', south);
  const unassigned = await account(t.admin, 'Head Office', null);

  const deal = async (as: TestUser, accountId: string, name: string, ownerId = as.id) => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/opportunities',
      as,
      payload: { name, accountId, ownerId, closeDate: '2026-08-01' },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  ids.north = await deal(northRep, northAccount, 'Matrix north');
  ids.south = await deal(southRep, southAccount, 'Matrix south');
  // The north rep cannot see the south account; an admin files this deal there for them.
  ids.southByNorthRep = await deal(t.admin, southAccount, 'Matrix crossover', northRep.id);
  ids.adminOnly = await deal(t.admin, unassigned, 'Matrix head office');
});
afterAll(async () => {
  await t.close();
});

async function visibleDeals(as: TestUser) {
  const response = await t.request({ method: 'GET', url: '/api/v1/opportunities?includeTotal=true&limit=200', as });
  expect(response.statusCode).toBe(200);
  const found = new Set(response.json().data.map((deal: { id: string }) => deal.id));
  expect(response.json().total).toBe(found.size);
  return Object.keys(ids)
    .filter((key) => found.has(ids[key]))
    .sort();
}

describe('who sees which deals', () => {
  it('lists and counts only visible deals: own team, or on a visible account', async () => {
    expect(await visibleDeals(t.admin)).toEqual(['adminOnly', 'north', 'south', 'southByNorthRep']);
    expect(await visibleDeals(manager)).toEqual(['north', 'southByNorthRep']);
    expect(await visibleDeals(northRep)).toEqual(['north', 'southByNorthRep']);
    expect(await visibleDeals(southRep)).toEqual(['south', 'southByNorthRep']);
  });

  it('answers 404 for an invisible deal and 403 for a visible one the caller may not change', async () => {
    const as = (user: TestUser, method: 'GET' | 'PATCH' | 'DELETE' | 'POST', url: string, payload?: object) =>
      t.request({ method, url: `/api/v1/opportunities/${url}`, as: user, ...(payload ? { payload } : {}) });
    expect((await as(southRep, 'GET', ids.north as string)).statusCode).toBe(404);
    expect((await as(southRep, 'GET', `${ids.north}/history`)).statusCode).toBe(404);
    expect((await as(southRep, 'PATCH', ids.north as string, { name: 'Hijacked' })).statusCode).toBe(404);
    expect((await as(manager, 'DELETE', ids.adminOnly as string)).statusCode).toBe(404);
    expect((await as(northRep, 'POST', `${ids.south}/stage`, { stage: 'proposal' })).statusCode).toBe(404);

    // The south rep sees the north rep's deal on a south account, but it is not theirs to change.
    expect((await as(southRep, 'GET', ids.southByNorthRep as string)).statusCode).toBe(200);
    expect((await as(southRep, 'GET', `${ids.southByNorthRep}/history`)).statusCode).toBe(200);
    expect((await as(southRep, 'PATCH', ids.southByNorthRep as string, { name: 'Mine' })).statusCode).toBe(403);
    expect((await as(southRep, 'POST', `${ids.southByNorthRep}/stage`, { stage: 'proposal' })).statusCode).toBe(403);
    expect((await as(southRep, 'POST', `${ids.southByNorthRep}/move`, {})).statusCode).toBe(403);
    expect((await as(southRep, 'DELETE', ids.southByNorthRep as string)).statusCode).toBe(403);
    expect((await as(t.admin, 'GET', ids.southByNorthRep as string)).json()).toMatchObject({
      name: 'Matrix crossover',
      stage: 'prospecting',
      version: 1,
    });

    // The manager changes their rep's deal; a rep cannot file a deal on an account they cannot see.
    expect((await as(manager, 'PATCH', ids.southByNorthRep as string, { amount: 10 })).statusCode).toBe(200);
    const hidden = await t.request({
      method: 'POST',
      url: '/api/v1/opportunities',
      as: southRep,
      payload: {
        name: 'Sneaky',
        accountId: (await as(t.admin, 'GET', ids.north as string)).json().accountId,
        closeDate: '2026-08-01',
      },
    });
    expect(hidden.statusCode).toBe(400);
  });

  it('follows the account when it moves to another territory, is deleted or restored', async () => {
    const account = await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: t.admin,
      payload: { name: 'Wandering Farm', territoryId: territories.north },
    });
    const accountId = account.json().id as string;
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/opportunities',
      as: t.admin,
      payload: { name: 'Wandering deal', accountId, closeDate: '2026-09-01' },
    });
    const dealId = created.json().id as string;
    const sees = async (user: TestUser) =>
      (await t.request({ method: 'GET', url: `/api/v1/opportunities/${dealId}`, as: user })).statusCode === 200;
    const listed = async (user: TestUser) =>
      (await t.request({ method: 'GET', url: '/api/v1/opportunities?q=Wandering&includeTotal=true', as: user })).json()
        .total as number;
    expect([await sees(northRep), await sees(southRep), await listed(northRep), await listed(southRep)]).toEqual([
      true,
      false,
      1,
      0,
    ]);

    const moved = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${accountId}`,
      as: t.admin,
      payload: { territoryId: territories.south },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect([await sees(northRep), await sees(southRep), await listed(northRep), await listed(southRep)]).toEqual([
      false,
      true,
      0,
      1,
    ]);

    // A deleted account shows its deals to no one through its territory; restored, it shows them again.
    expect((await t.request({ method: 'DELETE', url: `/api/v1/accounts/${accountId}`, as: t.admin })).statusCode).toBe(
      204,
    );
    expect(await sees(southRep)).toBe(false);
    const restored = await t.request({ method: 'POST', url: `/api/v1/accounts/${accountId}/restore`, as: t.admin });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(await sees(southRep)).toBe(true);
  });
});
