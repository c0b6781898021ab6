import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ BODY_LIMIT_BYTES: '4096' });
});
afterAll(async () => {
  await t.close();
});

const expectProblem = (
  response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
) => {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  const problem = response.json() as Record<string, unknown>;
  expect(problem).toMatchObject({
    status,
    title: expect.any(String),
    detail: expect.any(String),
    type: expect.any(String),
    // API.md's shape: errors is always there, empty when no single field is at fault.
    errors: expect.any(Array),
  });
  expect(JSON.stringify(problem)).not.toMatch(/at \w+ \(|node_modules|select |insert into/i);
  return problem;
};

async function userCount() {
  const response = await t.request({ method: 'GET', url: '/api/v1/users?includeTotal=true&limit=1', as: t.admin });
  return response.json().total as number;
}

describe('bad input is a 4xx problem and changes nothing', () => {
  it('rejects malformed JSON', async () => {
    const before = await userCount();
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: t.admin,
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "x@example.com", "name": ',
    });
    const problem = expectProblem(response, 400);
    const invalid = [{ path: 'body', message: 'is not valid JSON, or has a "__proto__" or "constructor" key' }];
    expect(problem.errors).toEqual(invalid);
    expect(await userCount()).toBe(before);
    // A key that would reach the prototype of what the body is parsed into is refused the same way.
    const prototype = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: t.admin,
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "p@example.com", "__proto__": {"role": "admin"}}',
    });
    expect(expectProblem(prototype, 400).errors).toEqual(invalid);
  });

  it('refuses a body that is not UTF-8, or says it is in another charset, instead of storing it altered', async () => {
    const before = await userCount();
    const latin1 = Buffer.concat([
      Buffer.from('{"email": "latin@example.com", "name": "Andr'),
      Buffer.from([0xe9]),
      Buffer.from('", "role": "rep", "password": "long-enough-pw-1"}'),
    ]);
    const send = (contentType: string) =>
      t.request({
        method: 'POST',
        url: '/api/v1/users',
        as: t.admin,
        headers: { 'content-type': contentType },
        payload: latin1,
      });
    expectProblem(await send('application/json'), 400);
    expectProblem(await send('application/json; charset=iso-8859-1'), 415);
    expect(await userCount()).toBe(before);
    const utf8 = await t.request({
      method: 'POST',
      url: '/api/v1/territories',
      as: t.admin,
      headers: { 'content-type': 'application/json; charset="UTF-8"' },
      payload: Buffer.from('{"name": "Andr\u00e9 region"}', 'utf8'),
    });
    expect(utf8.statusCode, utf8.body).toBe(201);
    expect(utf8.json().name).toBe('Andr\u00e9 region');
  });

  it('refuses half of a surrogate pair, which is no character, instead of storing it altered', async () => {
    const before = await userCount();
    for (const name of ['Lone\\ud800Half', 'Trailing\\udc00', 'End\\udbff']) {
      const created = await t.request({
        method: 'POST',
        url: '/api/v1/users',
        as: t.admin,
        headers: { 'content-type': 'application/json' },
        payload: `{"email": "surrogate@example.com", "name": "${name}", "role": "rep", "password": "long-enough-pw-1"}`,
      });
      const problem = expectProblem(created, 400);
      expect(problem.errors).toEqual([expect.objectContaining({ path: 'name' })]);
    }
    expect(await userCount()).toBe(before);
    // A whole pair, escaped, is an ordinary character.
    const tractor = await t.request({
      method: 'POST',
      url: '/api/v1/territories',
      as: t.admin,
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Tractor \\ud83d\\ude9c land"}',
    });
    expect(tractor.statusCode, tractor.body).toBe(201);
    expect(tractor.json().name).toBe('Tractor \u{1f69c} land');
  });

  it('refuses the NUL character, which PostgreSQL text cannot hold, in bodies and query strings', async () => {
    const before = await userCount();
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: t.admin,
      headers: { 'content-type': 'application/json' },
      payload:
        '{"email": "nul@example.com", "name": "Nul\\u0000Person", "role": "rep", "password": "long-enough-pw-1"}',
    });
    const problem = expectProblem(created, 400);
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'name' })]);
    expect(await userCount()).toBe(before);

    const login = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a\u0000@example.com', password: 'whatever-it-is' },
    });
    expectProblem(login, 400);
    for (const [url, parameter] of [
      ['/api/v1/users?q=%00', 'q'],
      ['/api/v1/search?q=a%00', 'q'],
      ['/api/v1/accounts?limit=5&city=x%00y', 'city'],
    ]) {
      const problem = expectProblem(await t.request({ method: 'GET', url, as: t.admin }), 400);
      expect(problem.errors).toEqual([expect.objectContaining({ path: parameter })]);
    }
    // An escaped backslash before "u0000" is ordinary text.
    const literal = await t.request({
      method: 'POST',
      url: '/api/v1/territories',
      as: t.admin,
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Backslash \\\\u0000 territory"}',
    });
    expect(literal.statusCode).toBe(201);
    expect(literal.json().name).toBe('Backslash \\u0000 territory');
  });

  it('rejects wrong types and names the fields', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: t.admin,
      payload: { email: 'not-an-email', name: 42, role: 'emperor' },
    });
    const problem = expectProblem(response, 400);
    const paths = (problem.errors as { path: string }[]).map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'name', 'role']));
  });

  it('rejects amounts and years the database cannot hold at the field, not as a database error', async () => {
    const account = await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: t.admin,
      payload: { name: 'Bounds' },
    });
    for (const [url, payload, path] of [
      [
        '/api/v1/opportunities',
        { name: 'Huge', accountId: account.json().id, closeDate: '2027-01-01', amount: 1e16 },
        'amount',
      ],
      [
        '/api/v1/opportunities',
        { name: 'Ancient', accountId: account.json().id, closeDate: '0000-01-01' },
        'closeDate',
      ],
      ['/api/v1/tasks', { title: 'Ancient', dueAt: '0000-01-01T00:00:00Z' }, 'dueAt'],
      ['/api/v1/accounts', { name: 'Rich', annualRevenue: 1e16 }, 'annualRevenue'],
      // Within the column, but past the whole cents a JSON number keeps: it would come back altered.
      ['/api/v1/leads', { firstName: 'Vast', lastName: 'Budget', budgetAmount: 123456789012345.67 }, 'budgetAmount'],
    ] as const) {
      const problem = expectProblem(await t.request({ method: 'POST', url, as: t.admin, payload }), 400);
      expect(
        (problem.errors as { path: string }[]).map((error) => error.path),
        url,
      ).toContain(path);
    }
  });

  it('rejects unknown fields', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: t.admin,
      payload: { email: 'unknown@example.com', name: 'Unknown', isSuperUser: true },
    });
    const problem = expectProblem(response, 400);
    expect(problem.errors).toEqual([{ path: 'isSuperUser', message: '"isSuperUser" is not a field of this request' }]);
    const list = await t.request({ method: 'GET', url: '/api/v1/users?q=unknown@example.com', as: t.admin });
    expect(list.json().data).toHaveLength(0);
  });

  it('lists at most 50 field errors, and counts the rest', async () => {
    // Even before a token is checked: an answer must not grow with whatever a stranger sends.
    const keys = Object.fromEntries(Array.from({ length: 300 }, (_, index) => [`k${index}`, 0]));
    const payload = { email: 'nobody@example.com', password: 'not-the-password', ...keys };
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
    const problem = expectProblem(response, 400);
    expect(problem.errors).toHaveLength(50);
    expect(problem.omittedErrors).toBe(250);
  });

  it('rejects unknown query parameters and bad list parameters', async () => {
    expectProblem(await t.request({ method: 'GET', url: '/api/v1/users?rol=rep', as: t.admin }), 400);
    expectProblem(await t.request({ method: 'GET', url: '/api/v1/users?limit=0', as: t.admin }), 400);
    expectProblem(await t.request({ method: 'GET', url: '/api/v1/users?limit=201', as: t.admin }), 400);
    // Every way to miss a count says what is allowed.
    for (const limit of ['abc', '1.5', '-1', '0', '201']) {
      const refused = await t.request({ method: 'GET', url: `/api/v1/users?limit=${limit}`, as: t.admin });
      expect(refused.json().errors, limit).toEqual([
        { path: 'limit', message: 'must be a whole number from 1 to 200' },
      ]);
    }
    // A count is plain digits: hex, exponents, signs and blanks are refused rather than guessed at.
    for (const limit of ['0x10', '1e2', '%2B5', '%205', '5.0', '']) {
      expectProblem(await t.request({ method: 'GET', url: `/api/v1/accounts?limit=${limit}`, as: t.admin }), 400);
    }
    expectProblem(await t.request({ method: 'GET', url: '/api/v1/reports/forecast?months=1e1', as: t.admin }), 400);
    // A bound beyond what its field can hold is the caller's mistake, named, not the database's.
    for (const [url, field] of [
      ['/api/v1/accounts?employeesMin=2147483648', 'employeesMin'],
      ['/api/v1/leads?scoreMax=1.5', 'scoreMax'],
      ['/api/v1/opportunities?amountMin=99999999999999999999999', 'amountMin'],
    ]) {
      const problem = expectProblem(await t.request({ method: 'GET', url: url as string, as: t.admin }), 400);
      expect((problem.errors as { path: string }[]).map((error) => error.path)).toEqual([field]);
    }
    // An unknown parameter is named by its own path, so a client can tell which one to drop.
    const unknown = expectProblem(
      await t.request({ method: 'GET', url: '/api/v1/accounts?colour=red&size=2', as: t.admin }),
      400,
    );
    expect(unknown.detail).toBe('the query string is not valid');
    expect((unknown.errors as { path: string }[]).map((error) => error.path).sort()).toEqual(['colour', 'size']);
    expectProblem(await t.request({ method: 'GET', url: '/api/v1/users?sort=password', as: t.admin }), 400);
    expectProblem(await t.request({ method: 'GET', url: '/api/v1/users?cursor=garbage', as: t.admin }), 400);
    expectProblem(await t.request({ method: 'GET', url: '/api/v1/users/not-a-uuid', as: t.admin }), 400);
    // The audit trail has no text search: a q it would ignore is refused like any unknown parameter.
    expectProblem(await t.request({ method: 'GET', url: '/api/v1/audit?q=anything', as: t.admin }), 400);
  });

  it('refuses query parameters where a route takes none, before doing anything', async () => {
    const before = await userCount();
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/users?dryRun=true',
      as: t.admin,
      payload: { email: `dry-${Date.now()}@example.com`, name: 'Dry Run', role: 'rep', password: 'a-long-password-1' },
    });
    const problem = expectProblem(created, 400);
    expect(problem.errors).toEqual([{ path: 'dryRun', message: '"dryRun" is not a parameter of this request' }]);
    expect(await userCount()).toBe(before);
    const me = await t.request({ method: 'GET', url: '/api/v1/users/me', as: t.admin });
    expect(me.statusCode).toBe(200);
    expectProblem(await t.request({ method: 'GET', url: '/api/v1/users/me?bogus=1', as: t.admin }), 400);
    const removed = await t.request({ method: 'DELETE', url: `/api/v1/users/${t.admin.id}?hard=true`, as: t.admin });
    expectProblem(removed, 400);
    expect((await t.request({ method: 'GET', url: '/api/v1/users/me', as: t.admin })).statusCode).toBe(200);
    // Authentication still comes first.
    expect((await t.request({ method: 'GET', url: '/api/v1/users/me?bogus=1' })).statusCode).toBe(401);
  });

  it('refuses malformed percent-escapes and bytes that are not UTF-8 in the query string', async () => {
    for (const query of ['q=%ZZ', 'q=%FF', 'q=%C0%AF', 'industry=%E0%A4%A']) {
      const problem = expectProblem(
        await t.request({ method: 'GET', url: `/api/v1/accounts?${query}`, as: t.admin }),
        400,
      );
      expect((problem.errors as { path: string }[])[0]?.path, query).toBe(query.split('=')[0]);
    }
    expectProblem(await t.request({ method: 'GET', url: '/api/v1/search?q=%FF', as: t.admin }), 400);
    // Well-formed escapes, and a + for a space, still read as typed.
    const search = await t.request({ method: 'GET', url: '/api/v1/accounts?q=caf%C3%A9+ol%C3%A9', as: t.admin });
    expect(search.statusCode, search.body).toBe(200);
  });

  it('rejects forged cursors whose value cannot be of the sort field, as it would any bad cursor', async () => {
    const cursor = (sort: string, value: unknown, id = '01a24000-0000-7000-8000-000000000000') =>
      Buffer.from(JSON.stringify([sort, value, id])).toString('base64url');
    const forged: [string, string, unknown][] = [
      ['users', 'name', 'Nul\u0000Person'],
      ['users', '-createdAt', 1e308],
      ['users', '-createdAt', true],
      ['users', '-createdAt', 'yesterday'],
      ['opportunities', 'closeDate', 12],
      ['opportunities', 'closeDate', '2026-02-30'],
      ['opportunities', 'amount', 'lots'],
      ['accounts', 'annualRevenue', true],
    ];
    for (const [resource, sort, value] of forged) {
      const url = `/api/v1/${resource}?sort=${sort}&cursor=${cursor(sort, value)}`;
      const problem = expectProblem(await t.request({ method: 'GET', url, as: t.admin }), 400);
      expect(problem.errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
    }
    const badId = `/api/v1/users?sort=name&cursor=${cursor('name', 'Ann', '-'.repeat(36))}`;
    expectProblem(await t.request({ method: 'GET', url: badId, as: t.admin }), 400);
  });

  it('rejects bodies over the limit with 413', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: t.admin,
      payload: { email: 'big@example.com', name: 'x'.repeat(10_000) },
    });
    expectProblem(response, 413);
  });

  it('rejects a body that is not JSON', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: t.admin,
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expectProblem(response, 415);
  });

  it('answers URLs the router refuses (bad percent-escapes, over-long ids) with a 400 problem', async () => {
    for (const url of ['/api/v1/accounts/%zz', '/api/v1/%E0%A4%A', `/api/v1/accounts/${'x'.repeat(150)}`]) {
      const response = await t.request({ method: 'GET', url, as: t.admin });
      expectProblem(response, 400);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('answers requests the HTTP parser refuses (oversized URL, malformed request) with a problem', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const oversized = await fetch(`http://127.0.0.1:${port}/api/v1/users?q=${'x'.repeat(20_000)}`);
    expect(oversized.status).toBe(431);
    expect(oversized.headers.get('content-type')).toContain('application/problem+json');
    expect(await oversized.json()).toMatchObject({
      status: 431,
      title: expect.any(String),
      detail: expect.any(String),
    });

    const raw = await new Promise<string>((resolve, reject) => {
      let answer = '';
      const socket = connect(port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      socket.on('data', (chunk) => {
        answer += chunk.toString();
      });
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('application/problem+json');
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400 });
  });

  it('keeps an X-Request-Id that looks like an id, and replaces one that does not before it reaches the audit', async () => {
    const create = (requestId: string, name: string) =>
      t.request({
        method: 'POST',
        url: '/api/v1/territories',
        as: t.admin,
        headers: { 'x-request-id': requestId },
        payload: { name },
      });
    const kept = await create('lb-4f1c.20261205', 'Request Id Kept');
    expect(kept.statusCode).toBe(201);
    expect(kept.headers['x-request-id']).toBe('lb-4f1c.20261205');
    const huge = await create('x'.repeat(5000), 'Request Id Replaced');
    expect(huge.statusCode).toBe(201);
    expect(huge.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const audit = await t.request({
      method: 'GET',
      url: `/api/v1/audit?entityId=${huge.json().id}`,
      as: t.admin,
    });
    expect(audit.json().data[0].requestId).toBe(huge.headers['x-request-id']);
  });

  it('answers unknown routes with a 404 problem', async () => {
    expectProblem(await t.request({ method: 'GET', url: '/api/v1/nothing-here', as: t.admin }), 404);
  });

  it('answers 405 with Allow for a method a path does not take', async () => {
    const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    const put = await t.request({ method: 'PUT', url: `/api/v1/accounts/${id}`, as: t.admin, payload: {} });
    expectProblem(put, 405);
    expect(put.headers.allow).toBe('DELETE, GET, HEAD, PATCH');
    const deleteList = await t.request({ method: 'DELETE', url: '/api/v1/accounts/', as: t.admin });
    expectProblem(deleteList, 405);
    expect(String(deleteList.headers.allow).split(', ')).toEqual(expect.arrayContaining(['GET', 'POST']));
    // An action takes only its own method.
    const restore = await t.request({ method: 'GET', url: `/api/v1/accounts/${id}/restore`, as: t.admin });
    expect(restore.statusCode).toBe(405);
    expect(restore.headers.allow).toBe('POST');
  });

  it('reads a trailing slash as the same path, so a list is not taken for an empty id', async () => {
    const list = await t.request({ method: 'GET', url: '/api/v1/users/?limit=1', as: t.admin });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().data).toHaveLength(1);
  });

  it('answers 401 for missing, malformed, forged and expired tokens', async () => {
    const missing = await t.request({ method: 'GET', url: '/api/v1/users/me' });
    expectProblem(missing, 401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="meridian"');
    expectProblem(await t.request({ method: 'GET', url: '/api/v1/users/me', as: 'not-a-jwt' }), 401);
    expectProblem(
      await t.request({ method: 'GET', url: '/api/v1/users/me', headers: { authorization: 'Basic abc' } }),
      401,
    );
    expectProblem(await t.request({ method: 'GET', url: '/api/v1/users/me', as: 'mk_doesnotexist' }), 401);
    const [header, payload] = t.admin.token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('forged-signature').toString('base64url')}`;
    expectProblem(await t.request({ method: 'GET', url: '/api/v1/users/me', as: forged }), 401);
    const tampered = JSON.parse(Buffer.from(String(payload), 'base64url').toString());
    tampered.exp = Math.floor(Date.now() / 1000) - 60;
    const expired = `${header}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${t.admin.token.split('.')[2]}`;
    expectProblem(await t.request({ method: 'GET', url: '/api/v1/users/me', as: expired }), 401);
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a user exceeds the limit', async () => {
    const limited = await buildTestApp({ RATE_LIMIT_USER_PER_MINUTE: '5' });
    try {
      const statuses: number[] = [];
      let retryAfter: unknown;
      for (let i = 0; i < 7; i += 1) {
        const response = await limited.request({ method: 'GET', url: '/api/v1/users/me', as: limited.admin });
        statuses.push(response.statusCode);
        if (response.statusCode === 429) {
          retryAfter = response.headers['retry-after'];
          expectProblemShape(response);
        }
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('answers 429 per IP address, also for anonymous requests', async () => {
    const limited = await buildTestApp({ RATE_LIMIT_IP_PER_MINUTE: '100' });
    try {
      let last = 0;
      for (let i = 0; i < 101; i += 1) {
        last = (
          await limited.request({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { email: 'a@b.co', password: 'x' },
          })
        ).statusCode;
      }
      expect(last).toBe(429);
      // Health checks are never limited: a load balancer must always get through.
      expect((await limited.request({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      // Nor are the dashboard's pages and files: a page opened cold fetches dozens of them.
      for (const url of ['/', '/accounts', '/assets/index.js']) {
        expect((await limited.request({ method: 'GET', url })).statusCode, url).not.toBe(429);
      }
    } finally {
      await limited.close();
    }
  });
});

function expectProblemShape(response: { headers: Record<string, unknown> }) {
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
}
