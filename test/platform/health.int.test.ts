import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('operational endpoints', () => {
  it('answers liveness, readiness and metrics without auth', async () => {
    const health = await t.request({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers['x-request-id']).toBeTruthy();

    const ready = await t.request({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);

    const metrics = await t.request({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('meridian_http_request_duration_seconds');
  });

  it('serves an OpenAPI 3.1 document that lists the API and the docs UI', async () => {
    const document = await t.request({ method: 'GET', url: '/openapi.json' });
    expect(document.statusCode).toBe(200);
    const openapi = document.json();
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/users',
        '/api/v1/users/{id}',
        '/api/v1/api-keys',
        '/api/v1/audit',
      ]),
    );
    // Errors are documented as the problem+json they are sent as, and only where they can happen.
    const patchUser = openapi.paths['/api/v1/users/{id}'].patch;
    expect(Object.keys(patchUser.responses['404'].content)).toEqual(['application/problem+json']);
    expect(patchUser.responses).toHaveProperty('412');
    expect(patchUser.responses).toHaveProperty('415');
    expect(patchUser.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'If-Match' }));
    const listUsers = openapi.paths['/api/v1/users'].get;
    expect(Object.keys(listUsers.responses)).not.toEqual(expect.arrayContaining(['412']));
    expect(listUsers.responses).not.toHaveProperty('413');
    expect(listUsers.responses).not.toHaveProperty('415');
    const createAccount = openapi.paths['/api/v1/accounts'].post;
    expect(createAccount.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'Idempotency-Key' }));
    expect(createAccount.responses).not.toHaveProperty('412');
    // The headers API.md promises: Location and ETag of a create, ETag of a read and of a change.
    expect(Object.keys(createAccount.responses['201'].headers)).toEqual(['Location', 'ETag']);
    expect(Object.keys(openapi.paths['/api/v1/accounts/{id}'].get.responses['200'].headers)).toEqual(['ETag']);
    expect(Object.keys(patchUser.responses['200'].headers)).toEqual(['ETag']);
    expect(listUsers.responses['200'].headers).toBeUndefined();
    // Only login (and the refresh-token routes) go without a bearer token.
    expect(openapi.paths['/api/v1/auth/login'].post.security).toEqual([]);
    expect(openapi.paths['/api/v1/auth/refresh'].post.security).toEqual([]);
    expect(listUsers.security).toBeUndefined();

    // An equality filter takes comma-separated alternatives, and says which values it allows.
    const stage = openapi.paths['/api/v1/opportunities'].get.parameters.find(
      (parameter: { name: string }) => parameter.name === 'stage',
    );
    expect(stage.description).toContain('closed_won');
    expect(new RegExp(stage.schema.pattern).test('proposal,negotiation')).toBe(true);
    expect(new RegExp(stage.schema.pattern).test('won')).toBe(false);
    const dealBody = openapi.paths['/api/v1/opportunities'].post.requestBody.content['application/json'].schema;
    expect(dealBody.properties.currency.pattern).toBe('^[A-Z]{3}$');
    // The operational endpoints as they answer: readiness may be a 503 problem, metrics are text.
    expect(Object.keys(openapi.paths['/ready'].get.responses['503'].content)).toEqual(['application/problem+json']);
    expect(openapi.paths['/metrics'].get.responses['200'].content['text/plain'].schema.type).toBe('string');

    const docs = await t.request({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('answers readiness 503 when the database is gone', async () => {
    const other = await buildTestApp();
    await other.deps.database.close();
    const ready = await other.request({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['content-type']).toContain('application/problem+json');
    await other.app.close();
  });

  it('sets security headers', async () => {
    const response = await t.request({ method: 'GET', url: '/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
