import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('conditional reads (If-None-Match)', () => {
  it('answers 304 with no body while the record is at the named version, and the record once it changed', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: t.admin,
      payload: { name: 'Conditional Read Supply' },
    });
    const id = created.json().id as string;
    const read = (ifNoneMatch?: string) =>
      t.request({
        method: 'GET',
        url: `/api/v1/accounts/${id}`,
        as: t.admin,
        headers: ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch },
      });

    const first = await read();
    expect(first.statusCode).toBe(200);
    // Kept by the caller's browser alone, per Authorization, and asked again before each reuse.
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(String(first.headers.vary)).toContain('Authorization');
    const etag = first.headers.etag as string;
    expect(etag).toBe('"1"');

    for (const condition of [etag, 'W/"1"', '"7", "1"', '*']) {
      const unchanged = await read(condition);
      expect(unchanged.statusCode, condition).toBe(304);
      expect(unchanged.body, condition).toBe('');
      expect(unchanged.headers.etag).toBe(etag);
      expect(unchanged.headers['content-type']).toBeUndefined();
    }
    expect((await read('"2"')).statusCode).toBe(200);

    const changed = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${id}`,
      as: t.admin,
      payload: { industry: 'Agriculture' },
    });
    expect(changed.statusCode).toBe(200);
    const afterChange = await read(etag);
    expect(afterChange.statusCode).toBe(200);
    expect(afterChange.headers.etag).toBe('"2"');
    expect(afterChange.json()).toMatchObject({ id, industry: 'Agriculture', version: 2 });
  });

  it('keeps no copy of who is signed in: GET /users/me is read afresh for whoever signs in next', async () => {
    const me = await t.request({ method: 'GET', url: '/api/v1/users/me', as: t.admin });
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    // Its ETag still guards a change of the user it names.
    expect(me.headers.etag).toBe(`"${me.json().version}"`);
  });

  it('checks visibility first: a record the caller may not see is 404 whatever the condition', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: t.admin,
      payload: { name: 'Conditional Hidden Supply' },
    });
    const rep = await t.createUser({ role: 'rep' });
    const hidden = await t.request({
      method: 'GET',
      url: `/api/v1/accounts/${created.json().id}`,
      as: rep,
      headers: { 'if-none-match': '*' },
    });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['content-type']).toContain('application/problem+json');
  });

  it('leaves lists alone (they have no ETag) and documents the condition on reads', async () => {
    const list = await t.request({
      method: 'GET',
      url: '/api/v1/accounts?limit=1',
      as: t.admin,
      headers: { 'if-none-match': '*' },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toHaveProperty('data');

    const openapi = (await t.request({ method: 'GET', url: '/openapi.json' })).json();
    const readAccount = openapi.paths['/api/v1/accounts/{id}'].get;
    expect(readAccount.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'If-None-Match' }));
    expect(readAccount.responses['304'].headers).toHaveProperty('ETag');
    expect(readAccount.responses['304'].content).toBeUndefined();
    const listAccounts = openapi.paths['/api/v1/accounts'].get;
    expect(listAccounts.responses).not.toHaveProperty('304');
    expect(listAccounts.parameters ?? []).not.toContainEqual(expect.objectContaining({ name: 'If-None-Match' }));
  });
});
