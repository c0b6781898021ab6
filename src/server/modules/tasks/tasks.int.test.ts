import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

let t: TestApp;
let rep: TestUser;
let accountId: string;
let otherAccountId: string;
let contactId: string;
beforeAll(async () => {
  t = await buildTestApp();
  rep = await t.createUser({ name: 'Task Rep' });
  const account = async (name: string) =>
    (await t.request({ method: 'POST', url: '/api/v1/accounts', as: t.admin, payload: { name } })).json().id as string;
  accountId = await account('Task Test Account');
  otherAccountId = await account('Other Task Account');
  const contact = await t.request({
    method: 'POST',
    url: '/api/v1/contacts',
    as: t.admin,
    payload: { accountId, firstName: 'Tess', lastName: 'Task' },
  });
  contactId = contact.json().id;
});
afterAll(async () => {
  await t.close();
});

const HOUR = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

async function createTask(payload: Record<string, unknown> = {}, as: TestUser = t.admin) {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/tasks',
    as,
    payload: { title: 'Call back', ...payload },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}
const get = (url: string, as: TestUser = t.admin) => t.request({ method: 'GET', url, as });
const patch = (id: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.request({ method: 'PATCH', url: `/api/v1/tasks/${id}`, as: t.admin, payload, headers });
const complete = (id: string, headers: Record<string, string> = {}, as: TestUser = t.admin) =>
  t.request({ method: 'POST', url: `/api/v1/tasks/${id}/complete`, as, headers });
const listIds = async (query: string, as: TestUser = t.admin) => {
  const response = await get(`/api/v1/tasks?${query}`, as);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().data.map((task: { id: string }) => task.id) as string[];
};

describe('tasks', () => {
  it('creates a task with the defaults: general, medium, open, assigned to and created by the caller', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/tasks',
      as: rep,
      payload: { title: '  Send quote ' },
    });
    expect(response.statusCode).toBe(201);
    const task = response.json();
    expect(task).toMatchObject({
      title: 'Send quote',
      description: null,
      type: 'general',
      priority: 'medium',
      status: 'open',
      dueAt: null,
      reminderAt: null,
      assigneeId: rep.id,
      createdById: rep.id,
      completedAt: null,
      accountId: null,
      contactId: null,
      leadId: null,
      opportunityId: null,
      overdue: false,
      version: 1,
    });
    expect(response.headers.location).toBe(`/api/v1/tasks/${task.id}`);
    expect(response.headers.etag).toBe('"1"');
    expect((await get(`/api/v1/tasks/${task.id}`, rep)).json()).toEqual(task);
  });

  it('refuses invalid input with 400 problem+json and changes nothing', async () => {
    const before = (await get('/api/v1/tasks?includeTotal=true')).json().total;
    const due = inHours(24);
    for (const payload of [
      { title: '' },
      { title: 'x', type: 'chore' },
      { title: 'x', priority: 'critical' },
      { title: 'x', status: 'done' },
      { title: 'x', dueAt: 'tomorrow' },
      { title: 'x', createdById: rep.id },
      { title: 'x', completedAt: due },
      { title: 'x', overdue: true },
      { title: 'x', dueAt: due, reminderAt: inHours(25) },
      { title: 'x', assigneeId: '01890000-0000-7000-8000-000000000000' },
      { title: 'x', accountId: '01890000-0000-7000-8000-000000000000' },
      { title: 'x', accountId: otherAccountId, contactId },
    ]) {
      const response = await t.request({ method: 'POST', url: '/api/v1/tasks', as: t.admin, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const reminderLate = await t.request({
      method: 'POST',
      url: '/api/v1/tasks',
      as: t.admin,
      payload: { title: 'x', dueAt: due, reminderAt: inHours(25) },
    });
    expect(reminderLate.json().errors).toEqual([{ path: 'reminderAt', message: 'after dueAt' }]);
    expect((await get('/api/v1/tasks?includeTotal=true')).json().total).toBe(before);

    const task = await createTask({ dueAt: due, reminderAt: inHours(23) });
    const late = await patch(task.id, { reminderAt: inHours(30) });
    expect(late.statusCode).toBe(400);
    expect((await patch(task.id, { dueAt: inHours(1) })).statusCode).toBe(400);
    expect((await patch(task.id, { completedAt: due })).statusCode).toBe(400);
    expect((await get(`/api/v1/tasks/${task.id}`)).json()).toMatchObject({ version: 1, dueAt: due });
  });

  it('refuses an inactive assignee', async () => {
    const leaver = await t.createUser();
    await t.request({ method: 'PATCH', url: `/api/v1/users/${leaver.id}`, as: t.admin, payload: { active: false } });
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/tasks',
      as: t.admin,
      payload: { title: 'For a leaver', assigneeId: leaver.id },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('assigneeId');
  });

  it('fills the account in from a linked contact, and keeps links in agreement on change', async () => {
    const task = await createTask({ contactId });
    expect(task).toMatchObject({ contactId, accountId });
    // Dropping the contact keeps the account; linking another account's contact needs that account named too,
    // as for activities: a task never moves to another account by the way.
    expect((await patch(task.id, { contactId: null })).json()).toMatchObject({ contactId: null, accountId });
    const otherContact = (
      await t.request({
        method: 'POST',
        url: '/api/v1/contacts',
        as: t.admin,
        payload: { accountId: otherAccountId, firstName: 'Otto', lastName: 'Other' },
      })
    ).json();
    expect((await patch(task.id, { accountId, contactId: otherContact.id })).statusCode).toBe(400);
    const alone = await patch(task.id, { contactId: otherContact.id });
    expect(alone.statusCode).toBe(400);
    expect(alone.json().errors[0].path).toBe('contactId');
    expect((await patch(task.id, { accountId: otherAccountId, contactId: otherContact.id })).json()).toMatchObject({
      contactId: otherContact.id,
      accountId: otherAccountId,
    });
    expect((await listIds(`accountId=${otherAccountId}`)).includes(task.id)).toBe(true);
    expect(await listIds(`contactId=${otherContact.id}`)).toEqual([task.id]);
  });

  it('changes, deletes and restores a task, with an audit row for each', async () => {
    const task = await createTask({ description: 'first' });
    const changed = await patch(task.id, { title: 'Call back today', priority: 'high' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      title: 'Call back today',
      priority: 'high',
      description: 'first',
      version: 2,
    });
    expect((await t.request({ method: 'DELETE', url: `/api/v1/tasks/${task.id}`, as: t.admin })).statusCode).toBe(204);
    expect((await get(`/api/v1/tasks/${task.id}`)).statusCode).toBe(404);
    expect(await listIds('q=Call%20back%20today')).toEqual([]);
    const restored = await t.request({ method: 'POST', url: `/api/v1/tasks/${task.id}/restore`, as: t.admin });
    expect(restored.statusCode).toBe(200);
    expect(await listIds('q=Call%20back%20today')).toEqual([task.id]);
    const audit = (await get(`/api/v1/audit?entity=tasks&entityId=${task.id}`)).json().data;
    expect(audit.map((row: { action: string }) => row.action).sort()).toEqual([
      'create',
      'delete',
      'restore',
      'update',
    ]);
  });

  it('restores under If-Match only from the version the deletion left (412 when stale, 400 when malformed)', async () => {
    const task = await createTask({ title: 'Restore guarded' });
    expect((await t.request({ method: 'DELETE', url: `/api/v1/tasks/${task.id}`, as: t.admin })).statusCode).toBe(204);
    const restore = (ifMatch: string) =>
      t.request({
        method: 'POST',
        url: `/api/v1/tasks/${task.id}/restore`,
        as: t.admin,
        headers: { 'if-match': ifMatch },
      });
    expect((await restore('"1"')).statusCode).toBe(412);
    expect((await restore('garbage')).statusCode).toBe(400);
    expect((await get(`/api/v1/tasks/${task.id}`)).statusCode).toBe(404);
    const restored = await restore('"2"');
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ id: task.id, version: 3 });
    // Restoring again with the old ETag is stale too: the record moved on.
    expect((await restore('"2"')).statusCode).toBe(412);
  });

  it('honours If-Match (412 when stale) and replays an Idempotency-Key', async () => {
    const task = await createTask();
    expect((await patch(task.id, { title: 'v2' }, { 'if-match': '"1"' })).statusCode).toBe(200);
    const stale = await patch(task.id, { title: 'v3' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect((await complete(task.id, { 'if-match': '"1"' })).statusCode).toBe(412);
    // If-Match compares strongly: a weak tag matches no version, even the current one.
    expect((await patch(task.id, { title: 'v3' }, { 'if-match': 'W/"2"' })).statusCode).toBe(412);
    expect((await get(`/api/v1/tasks/${task.id}`)).json()).toMatchObject({ title: 'v2', status: 'open', version: 2 });

    const payload = { title: 'Exactly once', priority: 'urgent' };
    const send = () =>
      t.request({
        method: 'POST',
        url: '/api/v1/tasks',
        as: t.admin,
        payload,
        headers: { 'idempotency-key': 'task-key-1' },
      });
    const first = await send();
    const retry = await send();
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect(await listIds('q=Exactly%20once')).toEqual([first.json().id]);
  });

  it('completes an open task once; completing a completed or cancelled one is 409', async () => {
    const task = await createTask({ dueAt: inHours(-2) });
    const done = await complete(task.id, { 'if-match': '"1"' });
    expect(done.statusCode).toBe(200);
    expect(done.headers.etag).toBe('"2"');
    const completed = done.json();
    expect(completed).toMatchObject({ status: 'completed', overdue: false, version: 2 });
    expect(Date.now() - Date.parse(completed.completedAt)).toBeLessThan(60_000);
    const again = await complete(task.id);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');

    const cancelled = await createTask({ status: 'cancelled' });
    expect((await complete(cancelled.id)).statusCode).toBe(409);
    expect((await get(`/api/v1/tasks/${cancelled.id}`)).json()).toMatchObject({
      status: 'cancelled',
      completedAt: null,
    });

    // Reopening clears completedAt.
    expect((await patch(task.id, { status: 'open' })).json()).toMatchObject({ status: 'open', completedAt: null });
    const audit = (await get(`/api/v1/audit?entity=tasks&entityId=${task.id}`)).json().data;
    expect(audit.map((row: { action: string }) => row.action)).toContain('complete');
  });

  it('flags and filters overdue tasks, sorted by due date', async () => {
    const owner = await t.createUser();
    const as = owner;
    const late = await createTask({ title: 'Late', dueAt: inHours(-5) }, as);
    const later = await createTask({ title: 'Later', dueAt: inHours(-1) }, as);
    const future = await createTask({ title: 'Future', dueAt: inHours(5) }, as);
    const undated = await createTask({ title: 'Undated' }, as);
    const doneLate = await createTask({ title: 'Done late', dueAt: inHours(-3), status: 'completed' }, as);
    const working = await createTask({ title: 'Working', dueAt: inHours(-2), status: 'in_progress' }, as);

    expect(late.overdue).toBe(true);
    expect(future.overdue).toBe(false);
    expect(doneLate.overdue).toBe(false);
    expect(await listIds('assigneeId=me&overdue=true&sort=dueAt', as)).toEqual([late.id, working.id, later.id]);
    expect(await listIds('assigneeId=me&overdue=true&sort=-dueAt', as)).toEqual([later.id, working.id, late.id]);
    expect((await listIds('assigneeId=me&overdue=false', as)).sort()).toEqual(
      [future.id, undated.id, doneLate.id].sort(),
    );
    // Undated tasks come last ascending and first descending.
    expect(await listIds('assigneeId=me&sort=dueAt', as)).toEqual([
      late.id,
      doneLate.id,
      working.id,
      later.id,
      future.id,
      undated.id,
    ]);
    // Undated tasks come last in either direction.
    expect((await listIds('assigneeId=me&sort=-dueAt', as)).at(-1)).toBe(undated.id);
    expect((await listIds('assigneeId=me&sort=-dueAt', as))[0]).toBe(future.id);
    const page = (await get('/api/v1/tasks?assigneeId=me&overdue=true', as)).json().data;
    expect(page.every((task: { overdue: boolean }) => task.overdue)).toBe(true);
    expect(await listIds(`assigneeId=${owner.id}&status=in_progress`, as)).toEqual([working.id]);
    expect(
      await listIds(
        `createdById=me&dueAtFrom=${encodeURIComponent(inHours(-2.5))}&dueAtTo=${encodeURIComponent(inHours(0))}`,
        as,
      ),
    ).toEqual([working.id, later.id]);
  });

  it('walks every page of a sort, nulls included, without gaps or repeats', async () => {
    const walker = await t.createUser();
    const created: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      const task = await createTask(
        { title: `Page ${index}`, ...(index % 3 === 0 ? {} : { dueAt: inHours(index) }) },
        walker,
      );
      created.push(task.id);
    }
    for (const sort of ['dueAt', '-dueAt', 'createdAt', '-createdAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `assigneeId=me&limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const body = (await get(`/api/v1/tasks?${query}`, walker)).json();
        seen.push(...body.data.map((task: { id: string }) => task.id));
        cursor = body.nextCursor;
      } while (cursor);
      expect(seen.sort(), sort).toEqual([...created].sort());
    }
    expect((await get('/api/v1/tasks?sort=priority', walker)).statusCode).toBe(400);
  });

  it('filters by type, priority and links', async () => {
    const typed = await createTask({ type: 'deadline', priority: 'urgent', accountId: otherAccountId });
    expect(await listIds(`type=deadline&priority=urgent,high&accountId=${otherAccountId}`)).toEqual([typed.id]);
    expect((await get('/api/v1/tasks?overdue=maybe')).statusCode).toBe(400);
    expect((await get('/api/v1/tasks?assigneeId=someone')).statusCode).toBe(400);
  });
});
