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
]);

describe('the route table', () => {
  it('has auth declared on every /api/v1 route, and bearer auth everywhere but login, refresh and logout', () => {
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
