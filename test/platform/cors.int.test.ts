import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

const ORIGIN = 'https://portal.example.com';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ CORS_ORIGINS: ORIGIN });
});
afterAll(async () => {
  await t.close();
});

describe('browser clients on an allowed origin', () => {
  it('may edit and delete, with the headers the API reads', async () => {
    for (const method of ['PATCH', 'DELETE']) {
      const preflight = await t.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/tasks/01900000-0000-7000-8000-000000000001',
        headers: {
          origin: ORIGIN,
          'access-control-request-method': method,
          'access-control-request-headers': 'authorization, content-type, if-match',
        },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(String(preflight.headers['access-control-allow-methods'])).toContain(method);
      expect(String(preflight.headers['access-control-allow-headers'])).toContain('if-match');
    }
  });

  it('is not offered to other origins', async () => {
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/tasks',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});
