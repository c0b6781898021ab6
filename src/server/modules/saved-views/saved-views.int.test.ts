import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

let t: TestApp;
let manager: TestUser;
let rep: TestUser;
let peer: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  manager = await t.createUser({ role: 'manager' });
  rep = await t.createUser({ managerId: manager.id });
  peer = await t.createUser();
});
afterAll(async () => {
  await t.close();
});

const save = (as: TestUser, payload: Record<string, unknown>) =>
  t.request({ method: 'POST', url: '/api/v1/views', as, payload });
const names = async (as: TestUser, query = '') =>
  (await t.request({ method: 'GET', url: `/api/v1/views${query}`, as }))
    .json()
    .data.map((view: { name: string }) => view.name);

describe('saved views', () => {
  it('keep a list as someone looks at it, checked against the list it is of', async () => {
    const created = await save(rep, {
      name: 'My dealers due for a visit',
      resource: 'accounts',
      query: '?type=dealer,distributor&visitDue=true&ownerId=me&sort=name',
      columns: ['name', 'city', 'visitDueAt'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json();
    expect(view).toMatchObject({
      resource: 'accounts',
      query: 'type=dealer%2Cdistributor&visitDue=true&ownerId=me&sort=name',
      columns: ['name', 'city', 'visitDueAt'],
      shared: false,
      ownerId: rep.id,
    });
    // What it keeps opens the list as saved.
    const list = await t.request({ method: 'GET', url: `/api/v1/accounts?${view.query}`, as: rep });
    expect(list.statusCode).toBe(200);

    const refusals: [Record<string, unknown>, string][] = [
      [{ name: 'Bad filter', resource: 'accounts', query: 'stage=proposal' }, 'query.stage'],
      [{ name: 'Bad value', resource: 'opportunities', query: 'stage=won' }, 'query.stage'],
      [{ name: 'A page', resource: 'leads', query: 'source=website&cursor=abc' }, 'query.cursor'],
      [{ name: 'Twice', resource: 'tasks', query: 'status=open&status=completed' }, 'query.status'],
      [{ name: 'Bad sort', resource: 'contacts', query: 'sort=-salary' }, 'query.sort'],
      [{ name: 'Unknown list', resource: 'invoices', query: '' }, 'resource'],
    ];
    for (const [payload, path] of refusals) {
      const refused = await save(rep, payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().errors[0].path, JSON.stringify(payload)).toBe(path);
    }
    expect(await names(rep)).toEqual(['My dealers due for a visit']);

    const duplicate = await save(rep, { name: 'MY DEALERS DUE FOR A VISIT', resource: 'accounts' });
    expect(duplicate.statusCode).toBe(409);
    // The same name on another list is another view.
    expect((await save(rep, { name: 'My dealers due for a visit', resource: 'contacts' })).statusCode).toBe(201);
  });

  it('are their owner’s, or everyone’s when shared; the owner’s managers may change them', async () => {
    const shared = await save(manager, {
      name: 'Deals closing this quarter',
      resource: 'opportunities',
      query: 'stage=proposal,negotiation&sort=closeDate',
      shared: true,
    });
    expect(shared.statusCode).toBe(201);
    expect(await names(peer, '?resource=opportunities')).toEqual(['Deals closing this quarter']);
    expect(await names(peer, '?resource=accounts')).toEqual([]);
    expect(await names(manager, '?resource=accounts')).toEqual(['My dealers due for a visit']);
    expect(await names(rep, '?resource=opportunities&shared=true')).toEqual(['Deals closing this quarter']);

    const repsView = (await t.request({ method: 'GET', url: '/api/v1/views?resource=accounts', as: rep })).json()
      .data[0];
    const hidden = await t.request({ method: 'GET', url: `/api/v1/views/${repsView.id}`, as: peer });
    expect(hidden.statusCode).toBe(404);
    const byPeer = await t.request({
      method: 'PATCH',
      url: `/api/v1/views/${shared.json().id}`,
      as: peer,
      payload: { name: 'Mine now' },
    });
    expect(byPeer.statusCode).toBe(403);
    const byManager = await t.request({
      method: 'PATCH',
      url: `/api/v1/views/${repsView.id}`,
      as: manager,
      headers: { 'if-match': `"${repsView.version}"` },
      payload: { query: 'type=dealer&sort=-createdAt', columns: null },
    });
    expect(byManager.statusCode, byManager.body).toBe(200);
    expect(byManager.json()).toMatchObject({ query: 'type=dealer&sort=-createdAt', columns: null, version: 2 });
    const badQuery = await t.request({
      method: 'PATCH',
      url: `/api/v1/views/${repsView.id}`,
      as: rep,
      payload: { query: 'limit=10' },
    });
    expect(badQuery.statusCode).toBe(400);
    const stale = await t.request({
      method: 'PATCH',
      url: `/api/v1/views/${repsView.id}`,
      as: rep,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Stale' },
    });
    expect(stale.statusCode).toBe(412);

    const deleted = await t.request({ method: 'DELETE', url: `/api/v1/views/${repsView.id}`, as: rep });
    expect(deleted.statusCode).toBe(204);
    expect(await names(rep, '?resource=accounts')).toEqual([]);
    const restored = await t.request({ method: 'POST', url: `/api/v1/views/${repsView.id}/restore`, as: rep });
    expect(restored.statusCode).toBe(200);
  });
});
