import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

let t: TestApp;
let rep: TestUser;
let manager: TestUser;
let accountId: string;

const DAY = 86_400_000;
const at = (daysFromNow: number) => new Date(Math.floor(Date.now() / 60_000) * 60_000 + daysFromNow * DAY);

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, as: TestUser = rep) {
  return t.request({ method, url, as, ...(payload ? { payload } : {}) });
}

async function createTask(payload: object) {
  const response = await call('POST', '/api/v1/tasks', { accountId, ...payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function countTitled(title: string): Promise<number> {
  const list = await call('GET', `/api/v1/tasks?accountId=${accountId}&limit=200`);
  return list.json().data.filter((task: { title: string }) => task.title === title).length;
}

beforeAll(async () => {
  t = await buildTestApp();
  manager = await t.createUser({ role: 'manager' });
  rep = await t.createUser({ managerId: manager.id });
  accountId = (await call('POST', '/api/v1/accounts', { name: 'Repeat Dealer' })).json().id;
});

afterAll(async () => {
  await t.close();
});

describe('repeating tasks', () => {
  it('makes the next occurrence once when one is completed, a week on, with its reminder and links', async () => {
    const dueAt = at(2);
    const task = await createTask({
      title: 'Weekly stock check',
      priority: 'high',
      dueAt: dueAt.toISOString(),
      reminderAt: new Date(dueAt.getTime() - 2 * 3_600_000).toISOString(),
      recurrence: { every: 1, unit: 'week' },
    });
    expect(task).toMatchObject({ recurrence: { every: 1, unit: 'week', until: null }, nextTaskId: null });

    const completed = await call('POST', `/api/v1/tasks/${task.id}/complete`, {}, manager);
    expect(completed.statusCode, completed.body).toBe(200);
    expect(completed.json()).toMatchObject({ status: 'completed', nextTaskId: expect.any(String), version: 2 });
    const next = (await call('GET', `/api/v1/tasks/${completed.json().nextTaskId}`)).json();
    expect(next).toMatchObject({
      title: 'Weekly stock check',
      priority: 'high',
      status: 'open',
      accountId,
      assigneeId: rep.id,
      createdById: rep.id,
      recurrence: { every: 1, unit: 'week', until: null },
      nextTaskId: null,
      dueAt: new Date(dueAt.getTime() + 7 * DAY).toISOString(),
      reminderAt: new Date(dueAt.getTime() + 7 * DAY - 2 * 3_600_000).toISOString(),
      version: 1,
    });
    const trail = await t.request({
      method: 'GET',
      url: `/api/v1/audit?entity=tasks&entityId=${next.id}`,
      as: t.admin,
    });
    expect(trail.json().data).toMatchObject([{ action: 'create', actorId: manager.id }]);

    // Reopened and completed again, the occurrence has its next already: none more.
    expect((await call('PATCH', `/api/v1/tasks/${task.id}`, { status: 'open' })).statusCode).toBe(200);
    const again = await call('POST', `/api/v1/tasks/${task.id}/complete`);
    expect(again.json().nextTaskId).toBe(next.id);
    expect(await countTitled('Weekly stock check')).toBe(2);

    // Completing by a change (as a bulk change does) continues the series too.
    const byPatch = await call('PATCH', `/api/v1/tasks/${next.id}`, { status: 'completed' });
    expect(byPatch.json().nextTaskId).toEqual(expect.any(String));
    expect(await countTitled('Weekly stock check')).toBe(3);
  });

  it('keeps a monthly series on its day: the 31st, the last of February, the 31st again', async () => {
    const first = await createTask({
      title: 'Month-end stock count',
      dueAt: '2027-01-31T16:00:00.000Z',
      recurrence: { every: 1, unit: 'month' },
    });
    const february = (await call('POST', `/api/v1/tasks/${first.id}/complete`)).json().nextTaskId;
    expect((await call('GET', `/api/v1/tasks/${february}`)).json().dueAt).toBe('2027-02-28T16:00:00.000Z');
    const march = (await call('POST', `/api/v1/tasks/${february}/complete`)).json().nextTaskId;
    expect((await call('GET', `/api/v1/tasks/${march}`)).json().dueAt).toBe('2027-03-31T16:00:00.000Z');
  });

  it('ends the series at its last date, and when a task is cancelled', async () => {
    const dueAt = at(1);
    const last = await createTask({
      title: 'Last of the series',
      dueAt: dueAt.toISOString(),
      recurrence: { every: 1, unit: 'month', until: new Date(dueAt.getTime() + 5 * DAY).toISOString().slice(0, 10) },
    });
    expect((await call('POST', `/api/v1/tasks/${last.id}/complete`)).json().nextTaskId).toBeNull();

    const cancelled = await createTask({
      title: 'Cancelled series',
      dueAt: dueAt.toISOString(),
      recurrence: { every: 2, unit: 'day' },
    });
    const patched = await call('PATCH', `/api/v1/tasks/${cancelled.id}`, { status: 'cancelled' });
    expect(patched.json()).toMatchObject({ status: 'cancelled', nextTaskId: null });
    expect(await countTitled('Cancelled series')).toBe(1);

    // Stopping the repetition of a task leaves a one-off.
    const stopped = await createTask({
      title: 'Stopped',
      dueAt: dueAt.toISOString(),
      recurrence: { every: 1, unit: 'year' },
    });
    const oneOff = await call('PATCH', `/api/v1/tasks/${stopped.id}`, { recurrence: null });
    expect(oneOff.json().recurrence).toBeNull();
    expect((await call('POST', `/api/v1/tasks/${stopped.id}/complete`)).json().nextTaskId).toBeNull();
  });

  it('refuses a repetition without a due time or ending before it, and changes nothing', async () => {
    const due = at(3).toISOString();
    const bad: [object, string][] = [
      [{ title: 'No due', recurrence: { every: 1, unit: 'week' } }, 'recurrence'],
      [
        { title: 'Ends early', dueAt: due, recurrence: { every: 1, unit: 'week', until: '2020-01-01' } },
        'recurrence.until',
      ],
      [{ title: 'Zero', dueAt: due, recurrence: { every: 0, unit: 'week' } }, 'recurrence.every'],
      [{ title: 'Fortnight', dueAt: due, recurrence: { every: 1, unit: 'fortnight' } }, 'recurrence.unit'],
      [{ title: 'Extra', dueAt: due, recurrence: { every: 1, unit: 'week', on: 'monday' } }, 'recurrence.on'],
    ];
    for (const [payload, path] of bad) {
      const refused = await call('POST', '/api/v1/tasks', { accountId, ...payload });
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json().errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    // The end is a day on the assignee's calendar: 21:00 on 9 January in Los Angeles is the 10th in UTC.
    const western = await t.createUser({ managerId: manager.id });
    await call('PATCH', '/api/v1/users/me/preferences', { timeZone: 'America/Los_Angeles' }, western);
    const evening = await createTask({
      title: 'Evening series',
      assigneeId: western.id,
      dueAt: '2027-01-10T05:00:00.000Z',
      recurrence: { every: 1, unit: 'day', until: '2027-01-09' },
    });
    expect(evening.recurrence).toEqual({ every: 1, unit: 'day', until: '2027-01-09' });

    const repeating = await createTask({ title: 'Keeps its due', dueAt: due, recurrence: { every: 1, unit: 'week' } });
    const noDue = await call('PATCH', `/api/v1/tasks/${repeating.id}`, { dueAt: null });
    expect(noDue.statusCode).toBe(400);
    expect((await call('GET', `/api/v1/tasks/${repeating.id}`)).json()).toMatchObject({ dueAt: due, version: 1 });
  });
});
