import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../../../test/helpers/app.js';
import { refreshTokens } from '../../db/schema/index.js';
import { sha256 } from './secrets.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ LOGIN_MAX_FAILURES: '3' });
});
afterAll(async () => {
  await t.close();
});

const login = (email: string, password: string) =>
  t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

describe('login', () => {
  it('issues an access token and a refresh token, case-insensitively by e-mail', async () => {
    const rep = await t.createUser();
    const response = await login(rep.email.toUpperCase(), TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { id: rep.id, role: 'rep' } });
    expect(body.user).not.toHaveProperty('password');
    expect(body.user).not.toHaveProperty('passwordHash');
    const me = await t.request({ method: 'GET', url: '/api/v1/users/me', as: body.accessToken });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: rep.id, email: rep.email });
  });

  it('answers the same 401 for a wrong password and an unknown e-mail', async () => {
    const rep = await t.createUser();
    const wrong = await login(rep.email, 'wrong password!!');
    const unknown = await login('nobody@example.com', 'wrong password!!');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('locks an e-mail after repeated failures, even for the right password, then 429 with Retry-After', async () => {
    const rep = await t.createUser();
    for (let i = 0; i < 3; i += 1) expect((await login(rep.email, 'wrong password!!')).statusCode).toBe(401);
    const locked = await login(rep.email, TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
    // Other users are not affected.
    const other = await t.createUser();
    expect((await login(other.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('locks the e-mail for the guessing client only, until guesses from many clients lock it everywhere', async () => {
    const rep = await t.createUser();
    const loginFrom = (remoteAddress: string, password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: rep.email, password },
        remoteAddress,
      });
    for (let i = 0; i < 3; i += 1) expect((await loginFrom('203.0.113.7', 'wrong password!!')).statusCode).toBe(401);
    expect((await loginFrom('203.0.113.7', TEST_PASSWORD)).statusCode).toBe(429);
    // Whoever knows the address cannot keep its owner out: the owner signs in from elsewhere.
    expect((await loginFrom('198.51.100.20', TEST_PASSWORD)).statusCode).toBe(200);
    // Ten times the limit over many clients locks the e-mail for all of them (3 × 10 with this app's limit).
    for (let client = 1; client <= 9; client += 1) {
      for (let i = 0; i < 3; i += 1) await loginFrom(`192.0.2.${client}`, 'wrong password!!');
    }
    expect((await loginFrom('198.51.100.20', TEST_PASSWORD)).statusCode).toBe(429);
  });

  it('refuses inactive users, and their existing tokens stop working', async () => {
    const rep = await t.createUser();
    const deactivate = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${rep.id}`,
      as: t.admin,
      payload: { active: false },
    });
    expect(deactivate.statusCode).toBe(200);
    expect((await login(rep.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/v1/users/me', as: rep })).statusCode).toBe(401);
  });
});

describe('access tokens', () => {
  it('of no user are refused as not valid, whatever their subject', async () => {
    for (const subject of ['not-a-uuid', '01900000-0000-7000-8000-00000000dead']) {
      const token = await t.deps.accessTokens.sign(subject, 'admin', '01900000-0000-7000-8000-000000000001');
      const response = await t.request({ method: 'GET', url: '/api/v1/users/me', as: token });
      expect(response.statusCode).toBe(401);
      expect(response.json().detail).toBe('the access token or API key is not valid');
    }
  });
});

/** Dates back when a refresh token was spent, past the moments in which it may still be presented. */
async function spentAgo(refreshToken: string, interval: string) {
  await t.deps.database.db
    .update(refreshTokens)
    .set({ revokedAt: sql`now() - ${interval}::interval` })
    .where(eq(refreshTokens.tokenHash, sha256(refreshToken)));
}

describe('refresh tokens', () => {
  it('rotate on every use; a reused token ends the whole session family', async () => {
    const rep = await t.createUser();
    const first = (await login(rep.email, TEST_PASSWORD)).json();

    const second = await t.request({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: first.refreshToken },
    });
    expect(second.statusCode).toBe(200);
    const secondPair = second.json();
    expect(secondPair.refreshToken).not.toBe(first.refreshToken);
    expect((await t.request({ method: 'GET', url: '/api/v1/users/me', as: secondPair.accessToken })).statusCode).toBe(
      200,
    );

    // The spent token comes back a minute later: someone copied it. Both it and its successor stop working.
    await spentAgo(first.refreshToken, '1 minute');
    const replay = await t.request({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: first.refreshToken },
    });
    expect(replay.statusCode).toBe(401);
    const successor = await t.request({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: secondPair.refreshToken },
    });
    expect(successor.statusCode).toBe(401);
    // So do the access tokens issued in that session, the one a thief got from the copy included.
    const me = await t.request({ method: 'GET', url: '/api/v1/users/me', as: secondPair.accessToken });
    expect(me.statusCode).toBe(401);
    expect(me.json().detail).toBe('the session has ended; log in again');
  });

  it('refresh twice at once, as two tabs or a retried request do, without ending the session', async () => {
    const rep = await t.createUser();
    const first = (await login(rep.email, TEST_PASSWORD)).json();
    const refresh = (refreshToken: string) =>
      t.request({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });
    const [one, two] = await Promise.all([refresh(first.refreshToken), refresh(first.refreshToken)]);
    expect([one.statusCode, two.statusCode]).toEqual([200, 200]);
    expect(one.json().refreshToken).not.toBe(two.json().refreshToken);
    for (const pair of [one.json(), two.json()]) {
      expect((await t.request({ method: 'GET', url: '/api/v1/users/me', as: pair.accessToken })).statusCode).toBe(200);
      expect((await refresh(pair.refreshToken)).statusCode).toBe(200);
    }
    // Once the session has ended, the grace ends with it: a token spent moments ago refreshes nothing.
    const other = (await login(rep.email, TEST_PASSWORD)).json();
    const rotated = await refresh(other.refreshToken);
    const logout = await t.request({
      method: 'POST',
      url: '/api/v1/auth/logout',
      payload: { refreshToken: rotated.json().refreshToken },
    });
    expect(logout.statusCode).toBe(204);
    expect((await refresh(other.refreshToken)).statusCode).toBe(401);
  });

  it('end with logout, and the access tokens of that session with them, not those of other sessions', async () => {
    const rep = await t.createUser();
    const pair = (await login(rep.email, TEST_PASSWORD)).json();
    const otherDevice = (await login(rep.email, TEST_PASSWORD)).json();
    const logout = await t.request({
      method: 'POST',
      url: '/api/v1/auth/logout',
      payload: { refreshToken: pair.refreshToken },
    });
    expect(logout.statusCode).toBe(204);
    const refresh = await t.request({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: pair.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    const me = (token: string) => t.request({ method: 'GET', url: '/api/v1/users/me', as: token });
    expect((await me(pair.accessToken)).statusCode).toBe(401);
    expect((await me(otherDevice.accessToken)).statusCode).toBe(200);
  });

  it('all end when the password changes, access tokens included', async () => {
    const rep = await t.createUser();
    const elsewhere = (await login(rep.email, TEST_PASSWORD)).json();
    const here = (await login(rep.email, TEST_PASSWORD)).json();
    const changed = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${rep.id}`,
      as: here.accessToken,
      payload: { password: 'a brand new password', currentPassword: TEST_PASSWORD },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    for (const token of [elsewhere.accessToken, here.accessToken]) {
      expect((await t.request({ method: 'GET', url: '/api/v1/users/me', as: token })).statusCode).toBe(401);
    }
    const fresh = (await login(rep.email, 'a brand new password')).json();
    expect((await t.request({ method: 'GET', url: '/api/v1/users/me', as: fresh.accessToken })).statusCode).toBe(200);
  });

  it('refuse garbage', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: 'nonsense' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});

describe('API keys', () => {
  it('are shown once, stored hashed, authenticate requests and can be revoked', async () => {
    const rep = await t.createUser();
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/api-keys',
      as: rep,
      payload: { name: 'ERP sync', scopes: ['read', 'write'] },
    });
    expect(created.statusCode).toBe(201);
    const apiKey = created.json();
    expect(apiKey.key).toMatch(/^mk_[A-Za-z0-9_-]{40,}$/);
    expect(apiKey.key.startsWith(apiKey.prefix)).toBe(true);

    const located = await t.request({ method: 'GET', url: created.headers.location as string, as: rep });
    expect(located.statusCode).toBe(200);
    expect(located.json()).toMatchObject({ id: apiKey.id, name: 'ERP sync' });
    expect(located.json()).not.toHaveProperty('key');
    const stranger = await t.createUser();
    expect((await t.request({ method: 'GET', url: `/api/v1/api-keys/${apiKey.id}`, as: stranger })).statusCode).toBe(
      404,
    );
    const listed = await t.request({ method: 'GET', url: '/api/v1/api-keys', as: rep });
    expect(listed.json().data).toHaveLength(1);
    expect(listed.json().data[0]).not.toHaveProperty('key');
    expect(JSON.stringify(listed.json())).not.toContain(apiKey.key);
    const stored = await t.deps.database.rows<{ key_hash: string }>(
      (await import('drizzle-orm')).sql`select key_hash from api_keys where id = ${apiKey.id}`,
    );
    expect(stored[0]?.key_hash).not.toContain(apiKey.key.slice(3));

    const me = await t.request({ method: 'GET', url: '/api/v1/users/me', as: apiKey.key });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(rep.id);

    expect((await t.request({ method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}`, as: rep })).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/v1/users/me', as: apiKey.key })).statusCode).toBe(401);
  });

  it('are listed page by page, by name or newest first, with the total when asked', async () => {
    const owner = await t.createUser();
    for (const name of ['b-sync', 'a-export', 'c-backup']) {
      const created = await t.request({ method: 'POST', url: '/api/v1/api-keys', as: owner, payload: { name } });
      expect(created.statusCode).toBe(201);
    }
    const list = async (query: string) =>
      (await t.request({ method: 'GET', url: `/api/v1/api-keys${query}`, as: owner })).json();
    const names = (page: { data: { name: string }[] }) => page.data.map((key) => key.name);
    expect(names(await list(''))).toEqual(['c-backup', 'a-export', 'b-sync']);
    const first = await list('?sort=name&limit=2&includeTotal=true');
    expect(names(first)).toEqual(['a-export', 'b-sync']);
    expect(first.total).toBe(3);
    expect(names(await list(`?sort=name&limit=2&cursor=${first.nextCursor}`))).toEqual(['c-backup']);
    expect(names(await list('?q=SYNC'))).toEqual(['b-sync']);
    const badLimit = await t.request({ method: 'GET', url: '/api/v1/api-keys?limit=0', as: owner });
    expect(badLimit.statusCode).toBe(400);
  });

  it('cannot create API keys, so a leaked key cannot outlive its revocation; it can still revoke itself', async () => {
    const rep = await t.createUser();
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/api-keys',
      as: rep,
      payload: { name: 'ERP sync', scopes: ['read', 'write'] },
    });
    const { key, id } = created.json() as { key: string; id: string };
    for (const scopes of [['read'], ['read', 'write']]) {
      const minted = await t.request({
        method: 'POST',
        url: '/api/v1/api-keys',
        as: key,
        payload: { name: 'successor', scopes },
      });
      expect(minted.statusCode).toBe(403);
      expect(minted.headers['content-type']).toContain('application/problem+json');
    }
    const listed = await t.request({ method: 'GET', url: '/api/v1/api-keys', as: rep });
    expect(listed.json().data.map((apiKey: { name: string }) => apiKey.name)).toEqual(['ERP sync']);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/api-keys/${id}`, as: key })).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/v1/users/me', as: key })).statusCode).toBe(401);
  });

  it('with scope read can read but not write', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/api-keys',
      as: t.admin,
      payload: { name: 'BI export', scopes: ['read'] },
    });
    const key = created.json().key as string;
    expect((await t.request({ method: 'GET', url: '/api/v1/users', as: key })).statusCode).toBe(200);
    const write = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: key,
      payload: { email: 'via-read-key@example.com', name: 'Nope' },
    });
    expect(write.statusCode).toBe(403);
    // A question changes nothing, although it is sent with POST.
    const question = await t.request({
      method: 'POST',
      url: '/api/v1/query',
      as: key,
      payload: { question: 'how many accounts' },
    });
    expect(question.statusCode, question.body).toBe(200);
  });

  it('cannot be revoked by someone else, who gets 404', async () => {
    const owner = await t.createUser();
    const other = await t.createUser();
    const key = (
      await t.request({ method: 'POST', url: '/api/v1/api-keys', as: owner, payload: { name: 'mine' } })
    ).json();
    expect((await t.request({ method: 'DELETE', url: `/api/v1/api-keys/${key.id}`, as: other })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/v1/users/me', as: key.key })).statusCode).toBe(200);
  });
});
