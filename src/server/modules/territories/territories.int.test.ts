import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('territories', () => {
  it('filter by region with comma-separated alternatives, by name', async () => {
    for (const [name, region] of [
      ['Lakes', 'Midwest'],
      ['Prairie', 'Midwest'],
      ['Gulf', 'South-Central'],
      ['Coast', 'West'],
    ]) {
      const created = await t.request({
        method: 'POST',
        url: '/api/v1/territories',
        as: t.admin,
        payload: { name, region },
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const list = async (query: string) =>
      (await t.request({ method: 'GET', url: `/api/v1/territories?${query}`, as: t.admin })).json();
    const names = (page: { data: { name: string }[] }) => page.data.map((territory) => territory.name);
    expect(names(await list('region=Midwest,South-Central&sort=name'))).toEqual(['Gulf', 'Lakes', 'Prairie']);
    expect(names(await list('region=West'))).toEqual(['Coast']);
    expect((await t.request({ method: 'GET', url: '/api/v1/territories?region=', as: t.admin })).statusCode).toBe(400);
  });

  it('are deleted only once nothing is in them', async () => {
    const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
      t.request({ method, url, as: t.admin, payload });
    const echo = (await send('POST', '/api/v1/territories', { name: 'Echo' })).json();
    const other = (await send('POST', '/api/v1/territories', { name: 'Foxtrot' })).json();
    const rep = await t.createUser({ territoryIds: [echo.id] });
    const account = (await send('POST', '/api/v1/accounts', { name: 'Echo Dealer', territoryId: echo.id })).json();

    const refused = await send('DELETE', `/api/v1/territories/${echo.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toBe(
      'the territory still has 1 account, 1 user; move them to another territory first',
    );
    expect((await t.request({ method: 'GET', url: `/api/v1/territories/${echo.id}`, as: t.admin })).statusCode).toBe(
      200,
    );

    await send('PATCH', `/api/v1/accounts/${account.id}`, { territoryId: other.id });
    await send('PATCH', `/api/v1/users/${rep.id}`, { territoryIds: [other.id] });
    expect((await send('DELETE', `/api/v1/territories/${echo.id}`)).statusCode).toBe(204);
  });

  it('filters by creation time and sorts by last change, as every other list does', async () => {
    const list = async (query: string) =>
      (await t.request({ method: 'GET', url: `/api/v1/territories?${query}`, as: t.admin })).json();
    const before = new Date(Date.now() - 1).toISOString();
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/territories',
      as: t.admin,
      payload: { name: 'Delta' },
    });
    const delta = created.json();
    const names = (page: { data: { name: string }[] }) => page.data.map((territory) => territory.name);
    expect(names(await list(`createdAtFrom=${before}`))).toEqual(['Delta']);
    expect(names(await list(`createdAtTo=${before}&sort=name`))).not.toContain('Delta');
    // Changed last, so first by -updatedAt.
    await t.request({
      method: 'PATCH',
      url: `/api/v1/territories/${delta.id}`,
      as: t.admin,
      payload: { region: 'South' },
    });
    expect(names(await list('sort=-updatedAt&limit=1'))).toEqual(['Delta']);
    const users = await t.request({ method: 'GET', url: '/api/v1/users?sort=-updatedAt&limit=2', as: t.admin });
    expect(users.statusCode, users.body).toBe(200);
  });
});
