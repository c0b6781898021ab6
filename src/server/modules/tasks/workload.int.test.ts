import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

/**
 * A small hand-counted data set. Due times are placed relative to this UTC week (Monday 00:00 to the
 * next Monday) so the figures hold whenever the test runs.
 */
let t: TestApp;
let repA: TestUser;
let repB: TestUser;
let territoryId: string;
beforeAll(async () => {
  t = await buildTestApp();
  repA = await t.createUser({ name: 'Workload A' });
  repB = await t.createUser({ name: 'Workload B' });

  const now = Date.now();
  const today = new Date(now);
  const monday = Date.UTC(
    today.getUTCFullYear(),
    today.getUTCMonth(),
    today.getUTCDate() - ((today.getUTCDay() + 6) % 7),
  );
  const nextMonday = monday + 7 * 86_400_000;
  const lastWeek = new Date(monday - 86_400_000).toISOString();
  const overdueThisWeek = new Date(Math.max(monday, now - 60_000)).toISOString();
  const laterThisWeek = new Date(now + Math.min(3_600_000, (nextMonday - now) / 2)).toISOString();
  const nextWeek = new Date(nextMonday + 86_400_000).toISOString();

  const task = async (as: TestUser, payload: Record<string, unknown>) => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/tasks',
      as,
      payload: { title: 'Work', ...payload },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  // Rep A: 5 open (2 overdue, 2 due this week), plus a completed and a deleted one that do not count.
  await task(repA, { dueAt: lastWeek });
  await task(repA, { dueAt: overdueThisWeek, status: 'in_progress' });
  await task(repA, { dueAt: laterThisWeek });
  await task(repA, { dueAt: nextWeek });
  await task(repA, {});
  await task(repA, { dueAt: lastWeek, status: 'completed' });
  const deleted = await task(repA, { dueAt: lastWeek });
  await t.request({ method: 'DELETE', url: `/api/v1/tasks/${deleted}`, as: repA });
  // Rep B: 3 open (1 due this week), one of them created by rep A; a cancelled one does not count.
  await task(t.admin, { assigneeId: repB.id, dueAt: laterThisWeek });
  await task(repB, {});
  await task(repA, { assigneeId: repB.id });
  await task(repB, { dueAt: overdueThisWeek, status: 'cancelled' });
  // The admin: 1 open, overdue since last week.
  await task(t.admin, { dueAt: lastWeek });

  // Two of rep B's open tasks hang off an account in the West territory: the only ones a territory narrowing keeps.
  const territory = await t.request({
    method: 'POST',
    url: '/api/v1/territories',
    as: t.admin,
    payload: { name: 'West' },
  });
  territoryId = territory.json().id;
  const account = await t.request({
    method: 'POST',
    url: '/api/v1/accounts',
    as: t.admin,
    payload: { name: 'Workload West Co', type: 'dealer', territoryId, ownerId: repB.id },
  });
  expect(account.statusCode, account.body).toBe(201);
  await task(t.admin, { assigneeId: repB.id, dueAt: lastWeek, accountId: account.json().id });
  await task(repB, { accountId: account.json().id });
});
afterAll(async () => {
  await t.close();
});

const workload = async (as: TestUser, query = '') => {
  const response = await t.request({ method: 'GET', url: `/api/v1/reports/workload${query}`, as });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().data;
};

describe('the workload report', () => {
  it('counts every assignee for an admin', async () => {
    expect(await workload(t.admin)).toEqual([
      { userId: t.admin.id, name: 'Test Admin', open: 1, overdue: 1, dueThisWeek: 0 },
      { userId: repA.id, name: 'Workload A', open: 5, overdue: 2, dueThisWeek: 2 },
      { userId: repB.id, name: 'Workload B', open: 5, overdue: 1, dueThisWeek: 1 },
    ]);
  });

  it('counts only the tasks a rep may see', async () => {
    expect(await workload(repA)).toEqual([
      { userId: repA.id, name: 'Workload A', open: 5, overdue: 2, dueThisWeek: 2 },
      { userId: repB.id, name: 'Workload B', open: 1, overdue: 0, dueThisWeek: 0 },
    ]);
    expect(await workload(repB)).toEqual([
      { userId: repB.id, name: 'Workload B', open: 5, overdue: 1, dueThisWeek: 1 },
    ]);
  });

  it('narrows to some assignees and to the territories of the linked accounts', async () => {
    expect(await workload(repA, '?assigneeId=me')).toEqual([
      { userId: repA.id, name: 'Workload A', open: 5, overdue: 2, dueThisWeek: 2 },
    ]);
    expect(
      (await workload(t.admin, `?assigneeId=${repB.id},${t.admin.id}`)).map((row: { userId: string }) => row.userId),
    ).toEqual([t.admin.id, repB.id]);
    expect(await workload(t.admin, `?territoryId=${territoryId}`)).toEqual([
      { userId: repB.id, name: 'Workload B', open: 2, overdue: 1, dueThisWeek: 0 },
    ]);
    expect(await workload(repA, `?territoryId=${territoryId}`)).toEqual([]);
    const bad = await t.request({ method: 'GET', url: '/api/v1/reports/workload?assigneeId=nobody', as: t.admin });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses unknown parameters', async () => {
    const response = await t.request({ method: 'GET', url: '/api/v1/reports/workload?ownerId=x', as: t.admin });
    expect(response.statusCode).toBe(400);
  });
});
