import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

/**
 * Who sees and changes which task: an admin, the manager of territory North with one rep (A), and a rep
 * in territory South (B). A task is visible through its assignee, its creator or a visible linked record;
 * it is changed by the assignee, the creator, anyone above them and admins.
 */
let t: TestApp;
let manager: TestUser;
let repA: TestUser;
let repB: TestUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  const territory = async (name: string) =>
    (await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name } })).json()
      .id as string;
  const north = await territory('North');
  const south = await territory('South');
  manager = await t.createUser({ role: 'manager', name: 'Manager North' });
  await t.request({
    method: 'PATCH',
    url: `/api/v1/territories/${north}`,
    as: t.admin,
    payload: { managerId: manager.id },
  });
  repA = await t.createUser({ managerId: manager.id, name: 'Rep A' });
  repB = await t.createUser({ territoryIds: [south], name: 'Rep B' });
  const account = async (name: string, territoryId: string) =>
    (await t.request({ method: 'POST', url: '/api/v1/accounts', as: t.admin, payload: { name, territoryId } })).json()
      .id as string;
  const northAccount = await account('Visibility North', north);
  const southAccount = await account('Visibility South', south);

  const task = async (as: TestUser, title: string, payload: Record<string, unknown>) => {
    const response = await t.request({ method: 'POST', url: '/api/v1/tasks', as, payload: { title, ...payload } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  ids.ownA = await task(repA, 'A for A', {});
  ids.northForB = await task(t.admin, 'North account, for B', { assigneeId: repB.id, accountId: northAccount });
  ids.byAForB = await task(repA, 'By A for B', { assigneeId: repB.id });
  ids.adminOnly = await task(t.admin, 'Admin only', {});
  ids.southAdmin = await task(t.admin, 'South account, for admin', { accountId: southAccount });
});
afterAll(async () => {
  await t.close();
});

const visibleTo = async (user: TestUser) => {
  const response = await t.request({ method: 'GET', url: '/api/v1/tasks?includeTotal=true', as: user });
  const body = response.json();
  expect(body.total).toBe(body.data.length);
  const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
  return body.data.map((task: { id: string }) => names[task.id]).sort();
};
const patch = (user: TestUser, id: string | undefined) =>
  t.request({ method: 'PATCH', url: `/api/v1/tasks/${id}`, as: user, payload: { priority: 'high' } });

describe('task visibility', () => {
  it('lists what each role may see', async () => {
    expect(await visibleTo(t.admin)).toEqual(['adminOnly', 'byAForB', 'northForB', 'ownA', 'southAdmin']);
    expect(await visibleTo(manager)).toEqual(['byAForB', 'northForB', 'ownA']);
    expect(await visibleTo(repA)).toEqual(['byAForB', 'ownA']);
    expect(await visibleTo(repB)).toEqual(['byAForB', 'northForB', 'southAdmin']);
  });

  it('answers 404 for a task the caller may not see', async () => {
    for (const [user, name] of [
      [repA, 'adminOnly'],
      [repA, 'northForB'],
      [repB, 'ownA'],
      [manager, 'southAdmin'],
    ] as const) {
      const id = ids[name];
      expect((await t.request({ method: 'GET', url: `/api/v1/tasks/${id}`, as: user })).statusCode, name).toBe(404);
      expect((await patch(user, id)).statusCode, name).toBe(404);
    }
  });

  it('lets the assignee, the creator, their managers and admins change a task; others who see it get 403', async () => {
    expect((await patch(manager, ids.ownA)).statusCode).toBe(200);
    expect((await patch(manager, ids.byAForB)).statusCode).toBe(200);
    expect((await patch(repA, ids.byAForB)).statusCode).toBe(200);
    expect((await patch(repB, ids.byAForB)).statusCode).toBe(200);
    expect((await patch(manager, ids.northForB)).statusCode).toBe(403);
    expect((await patch(repB, ids.southAdmin)).statusCode).toBe(403);
    const completeAsB = await t.request({ method: 'POST', url: `/api/v1/tasks/${ids.southAdmin}/complete`, as: repB });
    expect(completeAsB.statusCode).toBe(403);
    expect((await patch(t.admin, ids.northForB)).statusCode).toBe(200);
    const byAssignee = await t.request({ method: 'POST', url: `/api/v1/tasks/${ids.northForB}/complete`, as: repB });
    expect(byAssignee.statusCode).toBe(200);
  });

  it('answers assigneeId=me with the caller’s own tasks', async () => {
    const mine = (await t.request({ method: 'GET', url: '/api/v1/tasks?assigneeId=me', as: repB })).json().data;
    expect(mine.map((task: { id: string }) => task.id).sort()).toEqual([ids.byAForB, ids.northForB].sort());
  });
});
