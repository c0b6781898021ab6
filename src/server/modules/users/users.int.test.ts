import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

let sequence = 0;
const newUserBody = (overrides: Record<string, unknown> = {}) => {
  sequence += 1;
  return { email: `person${sequence}@example.com`, name: `Person ${sequence}`, role: 'rep', ...overrides };
};

describe('users', () => {
  it('admins create users; the answer has Location and ETag and never a password', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: t.admin,
      payload: newUserBody({ password: 'a long enough password' }),
    });
    expect(response.statusCode).toBe(201);
    const user = response.json();
    expect(user).toMatchObject({ role: 'rep', active: true, version: 1, territoryIds: [], managerId: null });
    expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(response.headers.location).toBe(`/api/v1/users/${user.id}`);
    expect(response.headers.etag).toBe('"1"');
    expect(JSON.stringify(user)).not.toMatch(/password/i);

    const fetched = await t.request({ method: 'GET', url: `/api/v1/users/${user.id}`, as: t.admin });
    expect(fetched.json()).toEqual(user);
    expect(fetched.headers.etag).toBe('"1"');
  });

  it('rejects a second user with the same e-mail in another case with 409', async () => {
    const body = newUserBody();
    expect((await t.request({ method: 'POST', url: '/api/v1/users', as: t.admin, payload: body })).statusCode).toBe(
      201,
    );
    const duplicate = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: t.admin,
      payload: { ...body, email: body.email.toUpperCase() },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.headers['content-type']).toContain('application/problem+json');
    // The field to fix, not the database's name for the rule.
    expect(duplicate.json().errors).toEqual([{ path: 'email', message: 'is already in use' }]);
    expect(duplicate.body).not.toContain('users_email_unique');
  });

  it('only admins create, change roles or delete; others get 403 and nothing changes', async () => {
    const rep = await t.createUser();
    const manager = await t.createUser({ role: 'manager' });
    expect(
      (await t.request({ method: 'POST', url: '/api/v1/users', as: rep, payload: newUserBody() })).statusCode,
    ).toBe(403);
    expect(
      (await t.request({ method: 'POST', url: '/api/v1/users', as: manager, payload: newUserBody() })).statusCode,
    ).toBe(403);
    const promote = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${rep.id}`,
      as: rep,
      payload: { role: 'admin' },
    });
    expect(promote.statusCode).toBe(403);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/users/${manager.id}`, as: rep })).statusCode).toBe(403);
    const me = await t.request({ method: 'GET', url: '/api/v1/users/me', as: rep });
    expect(me.json().role).toBe('rep');

    // Anyone may change their own name.
    const rename = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${rep.id}`,
      as: rep,
      payload: { name: 'Renamed Rep' },
    });
    expect(rename.statusCode).toBe(200);
    expect(rename.json()).toMatchObject({ name: 'Renamed Rep', version: 2 });
  });

  it('detects lost updates with If-Match and bumps version on every change', async () => {
    const user = (
      await t.request({ method: 'POST', url: '/api/v1/users', as: t.admin, payload: newUserBody() })
    ).json();
    const first = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      as: t.admin,
      headers: { 'if-match': '"1"' },
      payload: { name: 'First writer' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const stale = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      as: t.admin,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Second writer' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().currentVersion).toBe(2);
    const current = await t.request({ method: 'GET', url: `/api/v1/users/${user.id}`, as: t.admin });
    expect(current.json()).toMatchObject({ name: 'First writer', version: 2 });

    const malformed = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      as: t.admin,
      headers: { 'if-match': 'yesterday' },
      payload: { name: 'x' },
    });
    expect(malformed.statusCode).toBe(400);
    const staleDelete = await t.request({
      method: 'DELETE',
      url: `/api/v1/users/${user.id}`,
      as: t.admin,
      headers: { 'if-match': '"1"' },
    });
    expect(staleDelete.statusCode).toBe(412);
  });

  it('keeps the version when an edit changes nothing', async () => {
    const user = (
      await t.request({ method: 'POST', url: '/api/v1/users', as: t.admin, payload: newUserBody() })
    ).json();
    const patch = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.request({ method: 'PATCH', url: `/api/v1/users/${user.id}`, as: t.admin, payload, headers });
    for (const payload of [{}, { name: user.name, role: user.role }, { territoryIds: user.territoryIds }]) {
      const same = await patch(payload);
      expect(same.statusCode, same.body).toBe(200);
      expect(same.json()).toEqual(user);
      expect(same.headers.etag).toBe('"1"');
    }
    // A stale If-Match is still stale, even for an edit that would change nothing.
    expect((await patch({ name: 'Renamed' })).json().version).toBe(2);
    expect((await patch({ name: 'Renamed' }, { 'if-match': '"1"' })).statusCode).toBe(412);
  });

  it('rejects a manager that would make a management cycle', async () => {
    const top = await t.createUser({ role: 'manager' });
    const middle = await t.createUser({ role: 'manager', managerId: top.id });
    const bottom = await t.createUser({ role: 'manager', managerId: middle.id });
    const cycle = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${top.id}`,
      as: t.admin,
      payload: { managerId: bottom.id },
    });
    expect(cycle.statusCode).toBe(400);
    const self = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${top.id}`,
      as: t.admin,
      payload: { managerId: top.id },
    });
    expect(self.statusCode).toBe(400);
    const unknown = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${top.id}`,
      as: t.admin,
      payload: { managerId: '01890000-0000-7000-8000-000000000000' },
    });
    expect(unknown.statusCode).toBe(400);
    const rep = await t.createUser({ managerId: bottom.id });
    const underRep = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${top.id}`,
      as: t.admin,
      payload: { managerId: rep.id },
    });
    expect(underRep.statusCode).toBe(400);
    expect(underRep.json().errors[0]).toMatchObject({ path: 'managerId', message: 'not an active manager or admin' });
    expect(
      (await t.request({ method: 'GET', url: `/api/v1/users/${top.id}`, as: t.admin })).json().managerId,
    ).toBeNull();
  });

  it('soft deletes: gone from GET and lists, sessions end, restore brings it back', async () => {
    const rep = await t.createUser({ name: 'Soon Deleted' });
    expect((await t.request({ method: 'DELETE', url: `/api/v1/users/${rep.id}`, as: t.admin })).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: `/api/v1/users/${rep.id}`, as: t.admin })).statusCode).toBe(404);
    const list = await t.request({ method: 'GET', url: '/api/v1/users?q=Soon%20Deleted', as: t.admin });
    expect(list.json().data).toHaveLength(0);
    expect((await t.request({ method: 'GET', url: '/api/v1/users/me', as: rep })).statusCode).toBe(401);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/users/${rep.id}`, as: t.admin })).statusCode).toBe(404);

    const restored = await t.request({ method: 'POST', url: `/api/v1/users/${rep.id}/restore`, as: t.admin });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ id: rep.id, name: 'Soon Deleted' });
    expect((await t.request({ method: 'GET', url: `/api/v1/users/${rep.id}`, as: t.admin })).statusCode).toBe(200);
  });

  it('keeps a user who still holds records or people, saying what they hold, until those are handed over', async () => {
    const manager = await t.createUser({ role: 'manager', name: 'Holding Manager' });
    const rep = await t.createUser({ name: 'Holding Rep', managerId: manager.id });
    const account = await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: t.admin,
      payload: { name: 'Held Account', ownerId: rep.id },
    });
    const remove = (id: string) => t.request({ method: 'DELETE', url: `/api/v1/users/${id}`, as: t.admin });
    const refused = await remove(rep.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/^the user still has 1 account: give them to someone else first/);
    expect((await remove(manager.id)).json().detail).toMatch(/1 person reporting to them/);
    expect((await t.request({ method: 'GET', url: '/api/v1/users/me', as: rep })).statusCode).toBe(200);

    await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${account.json().id}`,
      as: t.admin,
      payload: { ownerId: manager.id },
    });
    expect((await remove(rep.id)).statusCode).toBe(204);
  });

  it('restores a user under If-Match only from the version the deletion left', async () => {
    const rep = await t.createUser({ name: 'Guarded Restore' });
    expect((await t.request({ method: 'DELETE', url: `/api/v1/users/${rep.id}`, as: t.admin })).statusCode).toBe(204);
    const restore = (ifMatch: string) =>
      t.request({
        method: 'POST',
        url: `/api/v1/users/${rep.id}/restore`,
        as: t.admin,
        headers: { 'if-match': ifMatch },
      });
    expect((await restore('"1"')).statusCode).toBe(412);
    expect((await t.request({ method: 'GET', url: `/api/v1/users/${rep.id}`, as: t.admin })).statusCode).toBe(404);
    const restored = await restore('"2"');
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ id: rep.id, version: 3 });
  });

  it('takes each territory of a user once', async () => {
    const territory = (
      await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name: 'Once Only' } })
    ).json().id as string;
    const twice = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: t.admin,
      payload: { email: 'twice@example.com', name: 'Twice', territoryIds: [territory, territory.toUpperCase()] },
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors).toEqual([expect.objectContaining({ path: 'territoryIds' })]);
    const rep = await t.createUser({ territoryIds: [territory] });
    const patched = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${rep.id}`,
      as: t.admin,
      payload: { territoryIds: [territory, territory] },
    });
    expect(patched.statusCode).toBe(400);
    const unchanged = await t.request({ method: 'GET', url: `/api/v1/users/${rep.id}`, as: t.admin });
    expect(unchanged.json()).toMatchObject({ territoryIds: [territory], version: 1 });
  });

  it('keeps at least one active admin', async () => {
    const demote = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${t.admin.id}`,
      as: t.admin,
      payload: { role: 'rep' },
    });
    expect(demote.statusCode).toBe(409);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/users/${t.admin.id}`, as: t.admin })).statusCode).toBe(
      409,
    );
  });

  it('writes an audit row for create, update, delete and restore with the changed fields', async () => {
    const user = (
      await t.request({ method: 'POST', url: '/api/v1/users', as: t.admin, payload: newUserBody() })
    ).json();
    await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      as: t.admin,
      payload: { name: 'Audited Name' },
    });
    await t.request({ method: 'DELETE', url: `/api/v1/users/${user.id}`, as: t.admin });
    await t.request({ method: 'POST', url: `/api/v1/users/${user.id}/restore`, as: t.admin });

    const audit = await t.request({
      method: 'GET',
      url: `/api/v1/audit?entity=users&entityId=${user.id}&sort=occurredAt`,
      as: t.admin,
    });
    expect(audit.statusCode).toBe(200);
    const entries = audit.json().data;
    expect(entries.map((entry: { action: string }) => entry.action)).toEqual(['create', 'update', 'delete', 'restore']);
    expect(entries[1]).toMatchObject({
      actorId: t.admin.id,
      before: { name: user.name },
      after: { name: 'Audited Name' },
      requestId: expect.any(String),
    });
    expect(Object.keys(entries[1].after)).toEqual(['name']);
    // Filters take comma-separated alternatives, as every list's do.
    const some = await t.request({
      method: 'GET',
      url: `/api/v1/audit?entity=users,accounts&entityId=${user.id}&action=delete,restore&sort=occurredAt`,
      as: t.admin,
    });
    expect(some.json().data.map((entry: { action: string }) => entry.action)).toEqual(['delete', 'restore']);

    const rep = await t.createUser();
    expect((await t.request({ method: 'GET', url: '/api/v1/audit', as: rep })).statusCode).toBe(403);
  });
});

describe('list machinery', () => {
  it('pages with a keyset cursor without duplicates or gaps while rows are inserted between pages', async () => {
    const marker = `Pager${Date.now()}`;
    const create = (name: string) =>
      t.request({ method: 'POST', url: '/api/v1/users', as: t.admin, payload: newUserBody({ name }) });
    for (const letter of ['b', 'd', 'f', 'h', 'j', 'l', 'n']) await create(`${marker} ${letter}`);

    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const url: string = `/api/v1/users?q=${marker}&sort=name&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await t.request({ method: 'GET', url, as: t.admin });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      seen.push(...body.data.map((user: { name: string }) => user.name));
      cursor = body.nextCursor;
      page += 1;
      // Between pages: one row lands before the cursor (must not appear) and one after it (must appear).
      if (page === 1) {
        await create(`${marker} a`);
        await create(`${marker} m`);
      }
    } while (cursor);
    const letters = seen.map((name) => name.slice(-1));
    expect(letters).toEqual(['b', 'd', 'f', 'h', 'j', 'l', 'm', 'n']);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('sorts descending, filters by equality alternatives and ranges, and counts with includeTotal', async () => {
    const manager = await t.createUser({ role: 'manager', name: 'Filter Manager' });
    await t.createUser({ managerId: manager.id, name: 'Filter Rep A' });
    await t.createUser({ managerId: manager.id, name: 'Filter Rep B' });

    const byManager = await t.request({
      method: 'GET',
      url: `/api/v1/users?managerId=${manager.id}&sort=-name&includeTotal=true`,
      as: t.admin,
    });
    expect(byManager.json().total).toBe(2);
    expect(byManager.json().data.map((user: { name: string }) => user.name)).toEqual(['Filter Rep B', 'Filter Rep A']);

    const roles = await t.request({ method: 'GET', url: '/api/v1/users?role=manager,admin&limit=200', as: t.admin });
    expect(new Set(roles.json().data.map((user: { role: string }) => user.role))).toEqual(
      new Set(['manager', 'admin']),
    );

    const future = await t.request({ method: 'GET', url: '/api/v1/users?createdAtFrom=2999-01-01', as: t.admin });
    expect(future.json().data).toEqual([]);

    const wrongCursorSort = await t.request({
      method: 'GET',
      url: `/api/v1/users?sort=name&limit=1`,
      as: t.admin,
    });
    const mismatch = await t.request({
      method: 'GET',
      url: `/api/v1/users?sort=-createdAt&limit=1&cursor=${wrongCursorSort.json().nextCursor}`,
      as: t.admin,
    });
    expect(mismatch.statusCode).toBe(400);
    // A cursor of another list, even with the same sort, would continue this one from a foreign row.
    for (const name of ['Cursor North', 'Cursor South']) {
      await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name } });
    }
    const territories = await t.request({ method: 'GET', url: '/api/v1/territories?sort=name&limit=1', as: t.admin });
    expect(territories.json().nextCursor).toEqual(expect.any(String));
    const foreign = await t.request({
      method: 'GET',
      url: `/api/v1/users?sort=name&limit=1&cursor=${territories.json().nextCursor}`,
      as: t.admin,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([{ path: 'cursor', message: 'not a cursor this API issued' }]);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer to a retry and creates nothing new', async () => {
    const body = newUserBody();
    const headers = { 'idempotency-key': `create-${body.email}` };
    const first = await t.request({ method: 'POST', url: '/api/v1/users', as: t.admin, headers, payload: body });
    const retry = await t.request({ method: 'POST', url: '/api/v1/users', as: t.admin, headers, payload: body });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    const matches = await t.request({
      method: 'GET',
      url: `/api/v1/users?q=${body.email}&includeTotal=true`,
      as: t.admin,
    });
    expect(matches.json().total).toBe(1);
  });

  it('answers 409 when the same key comes with a different body', async () => {
    const headers = { 'idempotency-key': 'reused-key' };
    const first = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: t.admin,
      headers,
      payload: newUserBody(),
    });
    expect(first.statusCode).toBe(201);
    const other = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: t.admin,
      headers,
      payload: newUserBody(),
    });
    expect(other.statusCode).toBe(409);
  });

  it('creates once when the same request races itself', async () => {
    const body = newUserBody();
    const headers = { 'idempotency-key': `race-${body.email}` };
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        t.request({ method: 'POST', url: '/api/v1/users', as: t.admin, headers, payload: body }),
      ),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.json().id)).size).toBe(1);
  });

  it('keeps keys per user', async () => {
    const otherAdmin = await t.createUser({ role: 'admin' });
    const headers = { 'idempotency-key': 'shared-key-name' };
    const mine = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: t.admin,
      headers,
      payload: newUserBody(),
    });
    const theirs = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: otherAdmin,
      headers,
      payload: newUserBody(),
    });
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(mine.json().id);
  });
});

describe('passwords', () => {
  it('a user changes their own only with the present one; an admin resets a colleague’s without it', async () => {
    const rep = await t.createUser();
    const change = (as: typeof rep | typeof t.admin, id: string, payload: Record<string, unknown>) =>
      t.request({ method: 'PATCH', url: `/api/v1/users/${id}`, as, payload });
    const login = (password: string) =>
      t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: rep.email, password } });

    const missing = await change(rep, rep.id, { password: 'a brand new password' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ path: 'currentPassword' })]);
    const wrong = await change(rep, rep.id, { password: 'a brand new password', currentPassword: 'not my password' });
    expect(wrong.statusCode).toBe(400);
    expect((await login('a brand new password')).statusCode).toBe(401);

    const changed = await change(rep, rep.id, { password: 'a brand new password', currentPassword: TEST_PASSWORD });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await login('a brand new password')).statusCode).toBe(200);

    const reset = await change(t.admin, rep.id, { password: 'set by the admin 123' });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await login('set by the admin 123')).statusCode).toBe(200);
  });
});
