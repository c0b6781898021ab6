import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../helpers/app.js';
import { inDays } from '../helpers/records.js';

/** Bulk changes (the dashboard's selection): each record as its own PATCH or DELETE would have it. */
let t: TestApp;
let manager: TestUser;
let rep: TestUser;
let neighbour: TestUser;
let stranger: TestUser;
let north: string;

async function post(as: TestUser, url: string, payload: object) {
  const response = await t.request({ method: 'POST', url, as, payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

const bulk = (as: TestUser, url: string, payload: object) => t.request({ method: 'POST', url, as, payload });

async function read(url: string) {
  return (await t.request({ method: 'GET', url, as: t.admin })).json();
}

beforeAll(async () => {
  t = await buildTestApp();
  north = (await post(t.admin, '/api/v1/territories', { name: 'Bulk North' })).id;
  manager = await t.createUser({ role: 'manager', territoryIds: [north] });
  rep = await t.createUser({ managerId: manager.id, territoryIds: [north] });
  neighbour = await t.createUser({ territoryIds: [north] });
  stranger = await t.createUser();
});

afterAll(async () => {
  await t.close();
});

describe('bulk changes', () => {
  it("changes the records the caller may change and reports each one it may not, with its own call's problem", async () => {
    const mine = [];
    for (const name of ['Bulk One', 'Bulk Two', 'Bulk Three']) {
      mine.push(await post(rep, '/api/v1/accounts', { name, territoryId: north }));
    }
    const hidden = await post(stranger, '/api/v1/accounts', { name: 'Bulk Hidden' });
    const ids = [mine[0].id, hidden.id, mine[1].id, mine[2].id];

    const changed = await bulk(manager, '/api/v1/accounts/bulk-update', { ids, changes: { type: 'dealer' } });
    expect(changed.statusCode, changed.body).toBe(200);
    const body = changed.json();
    expect(body.results.map((result: { id: string; status: number }) => [result.id, result.status])).toEqual([
      [mine[0].id, 200],
      [hidden.id, 404],
      [mine[1].id, 200],
      [mine[2].id, 200],
    ]);
    expect(body).toMatchObject({ succeeded: 3, failed: 1 });
    expect(body.results[0].record).toEqual(await read(`/api/v1/accounts/${mine[0].id}`));
    expect(body.results[0].record).toMatchObject({ type: 'dealer', version: 2 });
    expect(body.results[1].problem).toMatchObject({ title: 'Not found', code: 'not_found' });
    expect((await read(`/api/v1/accounts/${hidden.id}`)).type).toBe('customer');

    // A colleague who sees them through the territory may not change them: 403, as PATCH answers.
    const refused = await bulk(neighbour, '/api/v1/accounts/bulk-update', {
      ids: [mine[0].id],
      changes: { industry: 'Retail' },
    });
    expect(refused.json()).toMatchObject({ succeeded: 0, failed: 1, results: [{ status: 403 }] });

    // A rule broken by one record is that record's 400: an account cannot be its own parent.
    const cycle = await bulk(manager, '/api/v1/accounts/bulk-update', {
      ids: [mine[0].id, mine[1].id],
      changes: { parentId: mine[0].id },
    });
    expect(cycle.json().results.map((result: { status: number }) => result.status)).toEqual([400, 200]);
    expect(cycle.json().results[0].problem.errors.map((error: { path: string }) => error.path)).toContain('parentId');
    expect((await read(`/api/v1/accounts/${mine[1].id}`)).parentId).toBe(mine[0].id);

    const trail = await t.request({
      method: 'GET',
      url: `/api/v1/audit?entity=accounts&entityId=${mine[2].id}`,
      as: t.admin,
    });
    expect(trail.json().data.find((row: { action: string }) => row.action === 'update')).toMatchObject({
      actorId: manager.id,
      after: { type: 'dealer' },
    });
  });

  it('refuses a malformed request as a whole and changes nothing', async () => {
    const account = await post(rep, '/api/v1/accounts', { name: 'Bulk Untouched', territoryId: north });
    const tooMany = Array.from(
      { length: 201 },
      (_, index) => `0190a0a0-0000-7000-8000-${String(index).padStart(12, '0')}`,
    );
    const bad: [object, string][] = [
      [{ ids: [], changes: { type: 'dealer' } }, 'ids'],
      [{ ids: [account.id, account.id], changes: { type: 'dealer' } }, 'ids'],
      [{ ids: tooMany, changes: { type: 'dealer' } }, 'ids'],
      [{ ids: ['not-an-id'], changes: { type: 'dealer' } }, 'ids.0'],
      [{ ids: [account.id], changes: {} }, 'changes'],
      [{ ids: [account.id], changes: { type: 'wholesaler' } }, 'changes.type'],
      [{ ids: [account.id], changes: { type: 'dealer' }, force: true }, 'force'],
      [{ ids: [account.id] }, 'changes'],
    ];
    for (const [payload, path] of bad) {
      const refused = await bulk(rep, '/api/v1/accounts/bulk-update', payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    expect(await read(`/api/v1/accounts/${account.id}`)).toMatchObject({ type: 'customer', version: 1 });
    expect((await bulk(rep, '/api/v1/accounts/bulk-delete', { ids: [] })).statusCode).toBe(400);
  });

  it('deletes what the caller may delete, restorable, and says 404 for what is gone', async () => {
    const first = await post(rep, '/api/v1/contacts', {
      accountId: (await post(rep, '/api/v1/accounts', { name: 'Bulk Contacts Co', territoryId: north })).id,
      firstName: 'Ada',
      lastName: 'First',
    });
    const second = await post(rep, '/api/v1/contacts', {
      accountId: first.accountId,
      firstName: 'Bo',
      lastName: 'Second',
    });
    const deleted = await bulk(rep, '/api/v1/contacts/bulk-delete', { ids: [first.id, second.id] });
    expect(deleted.json()).toEqual({
      results: [
        { id: first.id, status: 204 },
        { id: second.id, status: 204 },
      ],
      succeeded: 2,
      failed: 0,
    });
    const list = await t.request({ method: 'GET', url: `/api/v1/contacts?accountId=${first.accountId}`, as: rep });
    expect(list.json().data).toEqual([]);
    const again = await bulk(rep, '/api/v1/contacts/bulk-delete', { ids: [first.id] });
    expect(again.json()).toMatchObject({ succeeded: 0, failed: 1, results: [{ status: 404 }] });
    const restored = await t.request({ method: 'POST', url: `/api/v1/contacts/${first.id}/restore`, as: rep });
    expect(restored.statusCode, restored.body).toBe(200);
  });

  it('gives tasks to another assignee and moves deals on, with the rules of their own changes', async () => {
    const account = await post(rep, '/api/v1/accounts', { name: 'Bulk Deals Co', territoryId: north });
    const tasks = [];
    for (const title of ['Call back', 'Send price list']) {
      tasks.push(await post(rep, '/api/v1/tasks', { title, accountId: account.id, dueAt: inDays(3) }));
    }
    const given = await bulk(manager, '/api/v1/tasks/bulk-update', {
      ids: tasks.map((task) => task.id),
      changes: { assigneeId: neighbour.id, priority: 'high' },
    });
    expect(given.json().succeeded).toBe(2);
    expect(await read(`/api/v1/tasks/${tasks[1].id}`)).toMatchObject({ assigneeId: neighbour.id, priority: 'high' });

    const deal = { accountId: account.id, amount: 5000, closeDate: inDays(20).slice(0, 10) };
    const open = await post(rep, '/api/v1/opportunities', { ...deal, name: 'Bulk open' });
    const other = await post(rep, '/api/v1/opportunities', { ...deal, name: 'Bulk other' });
    // Lost needs a reason, as the single change does; with one, both move, each with its history.
    const noReason = await bulk(rep, '/api/v1/opportunities/bulk-update', {
      ids: [open.id, other.id],
      changes: { stage: 'closed_lost' },
    });
    expect(noReason.json().results.map((result: { status: number }) => result.status)).toEqual([400, 400]);
    const lost = await bulk(rep, '/api/v1/opportunities/bulk-update', {
      ids: [open.id, other.id],
      changes: { stage: 'closed_lost', lossReason: 'Went with a competitor' },
    });
    expect(lost.json().succeeded).toBe(2);
    const history = await t.request({ method: 'GET', url: `/api/v1/opportunities/${other.id}/history`, as: rep });
    expect(history.json().data.map((entry: { toStage: string }) => entry.toStage)).toContain('closed_lost');
  });
});
