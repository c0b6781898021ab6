import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

/** The only API routes a caller may use without a bearer token, and what authenticates them instead. */
const routesWithoutBearer = new Map([
  ['POST /api/v1/auth/login', 'public'],
  ['POST /api/v1/auth/refresh', 'refreshToken'],
  ['POST /api/v1/auth/logout', 'refreshToken'],
  ['GET /api/v1/approval-links/:id', 'approvalLink'],
  ['POST /api/v1/approval-links/:id', 'approvalLink'],
  ['GET /api/v1/calendar-feeds/:token', 'calendarFeed'],
  ['POST /api/v1/auth/password-reset', 'public'],
  ['POST /api/v1/auth/password-link', 'passwordLink'],
  ['POST /api/v1/auth/password', 'passwordLink'],
  // A website's form: its public key is in the address.
  ['POST /api/v1/forms/:key/leads', 'public'],
]);

describe('the route table', () => {
  it('has auth declared on every /api/v1 route, and bearer auth everywhere but login, refresh, logout, password, approval and calendar links and lead forms', () => {
    const routes = t.app.apiRoutes.filter((route) => route.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const name = `${route.method} ${route.url}`;
      expect(route.auth, `${name} declares no auth`).toBeDefined();
      expect(route.auth?.kind, `${name} must require a bearer token`).toBe(routesWithoutBearer.get(name) ?? 'bearer');
    }
  });

  it('answers 401 without a token on every bearer route', async () => {
    const bearerRoutes = t.app.apiRoutes.filter((route) => route.auth?.kind === 'bearer' && route.method !== 'HEAD');
    for (const route of bearerRoutes) {
      const url = route.url.replace(/:(\w+)/g, '01890000-0000-7000-8000-000000000000');
      const response = await t.request({
        method: route.method as 'GET',
        url,
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('declares a body on every POST and PATCH, and a POST may leave it out where all its fields are optional', () => {
    const writes = t.app.apiRoutes.filter((route) => route.method === 'POST' || route.method === 'PATCH');
    const names = (routes: typeof writes) => routes.map((route) => `${route.method} ${route.url}`);
    // Without a schema any body would be taken and silently ignored, where unknown fields are refused. An
    // upload reads its form itself, and refuses unknown fields as a schema does (attachment-upload.ts).
    expect(names(writes.filter((route) => !route.body && !route.multipart))).toEqual([]);
    expect(names(writes.filter((route) => route.multipart))).toEqual(['POST /api/v1/attachments']);
    // A PATCH without a body changes nothing, which no client means: it still needs one.
    const bodyOptional = writes.filter((route) => route.method === 'POST' && route.body?.safeParse({}).success);
    expect(names(bodyOptional.filter((route) => !route.body?.safeParse(undefined).success))).toEqual([]);
  });

  it('takes no body where every field is optional, and refuses fields an action does not have', async () => {
    const lead = await t.request({
      method: 'POST',
      url: '/api/v1/leads',
      as: t.admin,
      payload: { firstName: 'Nell', lastName: 'Body', company: 'Bodiless Farms', source: 'referral' },
    });
    expect(lead.statusCode, lead.body).toBe(201);
    const leadId = lead.json().id;
    // Fields an action does not take are refused before anything changes, like unknown fields anywhere.
    const reopen = await t.request({
      method: 'POST',
      url: `/api/v1/leads/${leadId}/reopen`,
      as: t.admin,
      payload: { zz: 1 },
    });
    expect(reopen.statusCode).toBe(400);
    expect(reopen.json().errors).toEqual([{ path: 'zz', message: '"zz" is not a field of this request' }]);
    // No body at all (no Content-Type), and an empty JSON body: the conversion's defaults.
    const converted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/leads/${leadId}/convert`,
      headers: { authorization: `Bearer ${t.admin.token}` },
    });
    expect(converted.statusCode, converted.body).toBe(200);
    expect(converted.json()).toMatchObject({ lead: { status: 'converted' }, opportunity: null });
    // A route that needs a body says so when it gets none.
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { authorization: `Bearer ${t.admin.token}`, 'content-type': 'application/json' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toBe('the body is empty; send a JSON object');
    const openapi = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(openapi.paths['/api/v1/leads/{id}/convert'].post.requestBody.required).toBe(false);
    expect(openapi.paths['/api/v1/accounts'].post.requestBody.required).toBe(true);
    expect(JSON.stringify(openapi)).not.toContain('x-optional-body');
    // A count's bounds and default are documented, though its digits are checked before it is read.
    const limit = openapi.paths['/api/v1/accounts'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.schema).toEqual({ type: 'integer', minimum: 1, maximum: 200, default: 50 });
  });

  it('refuses to register an API route that declares no auth', async () => {
    await expect(
      (async () => {
        const { buildApp } = await import('../../src/server/app.js');
        const app = await buildApp(t.deps, { logger: false });
        app.get('/api/v1/forgotten', async () => ({ open: true }));
        await app.ready();
      })(),
    ).rejects.toThrow(/declares no auth/);
  });
});
