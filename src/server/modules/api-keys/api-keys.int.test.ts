import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

let t: TestApp;
let owner: TestUser;
let other: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  owner = await t.createUser();
  other = await t.createUser();
});
afterAll(async () => {
  await t.close();
});

describe('API keys', () => {
  it('are renamed with If-Match, keep working, and are versioned like every record', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/api-keys',
      as: owner,
      payload: { name: 'ERP sync', scopes: ['read'] },
    });
    expect(created.statusCode).toBe(201);
    const key = created.json();
    expect(key).toMatchObject({ version: 1, updatedAt: key.createdAt });

    const read = await t.request({ method: 'GET', url: `/api/v1/api-keys/${key.id}`, as: owner });
    expect(read.headers.etag).toBe('"1"');
    const renamed = await t.request({
      method: 'PATCH',
      url: `/api/v1/api-keys/${key.id}`,
      as: owner,
      headers: { 'if-match': '"1"' },
      payload: { name: 'ERP sync (production)' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'ERP sync (production)', version: 2, scopes: ['read'] });
    expect(renamed.headers.etag).toBe('"2"');

    const stale = await t.request({
      method: 'PATCH',
      url: `/api/v1/api-keys/${key.id}`,
      as: owner,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Overwritten' },
    });
    expect(stale.statusCode).toBe(412);
    for (const payload of [{ name: '' }, { scopes: ['write'] }]) {
      const refused = await t.request({ method: 'PATCH', url: `/api/v1/api-keys/${key.id}`, as: owner, payload });
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const notTheirs = await t.request({
      method: 'PATCH',
      url: `/api/v1/api-keys/${key.id}`,
      as: other,
      payload: { name: 'Mine now' },
    });
    expect(notTheirs.statusCode).toBe(404);

    // The key itself still works, and is what it was.
    const me = await t.request({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { authorization: `Bearer ${key.key}` },
    });
    expect(me.json().id).toBe(owner.id);
    expect((await t.request({ method: 'GET', url: `/api/v1/api-keys/${key.id}`, as: owner })).json().name).toBe(
      'ERP sync (production)',
    );
  });
});
