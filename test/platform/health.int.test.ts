import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, mailboxSyncStates, outlookEvents } from '../../src/server/db/schema/index.js';
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

  it('answers 405 with Allow for a method they do not take', async () => {
    for (const url of ['/health', '/ready', '/metrics']) {
      const response = await t.request({ method: 'POST', url });
      expect(response.statusCode, url).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
      expect(String(response.headers['content-type'])).toContain('application/problem+json');
    }
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
    // Served over plain http by address, the docs must not send their own scripts to https.
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    expect(docs.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('reports the database, its pool and the job queue in metrics', async () => {
    await t.deps.database.db.insert(jobs).values([
      { id: uuidv7(), name: 'metrics-probe', status: 'failed', attempts: 5 },
      { id: uuidv7(), name: 'metrics-probe', runAt: new Date(Date.now() - 90_000) },
    ]);
    const body = (await t.request({ method: 'GET', url: '/metrics' })).body;
    expect(metricValue(body, 'meridian_database_up')).toBe(1);
    expect(metricValue(body, 'meridian_jobs{status="failed"}')).toBeGreaterThanOrEqual(1);
    expect(metricValue(body, 'meridian_jobs{status="queued"}')).toBeGreaterThanOrEqual(1);
    // The probe has waited a minute and a half: nothing here runs jobs.
    expect(metricValue(body, 'meridian_jobs_oldest_due_seconds')).toBeGreaterThanOrEqual(90);
    // The integrations' work in hand: a mail folder Graph refused, and an Outlook event to write.
    expect(metricValue(body, 'meridian_outgoing_email_queued')).toBe(0);
    const { db } = t.deps.database;
    const account = await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: t.admin,
      payload: { name: 'Probe' },
    });
    const activity = await t.request({
      method: 'POST',
      url: '/api/v1/activities',
      as: t.admin,
      payload: {
        type: 'meeting',
        subject: 'Probe',
        accountId: account.json().id,
        scheduledAt: new Date().toISOString(),
      },
    });
    await db
      .insert(mailboxSyncStates)
      .values({ userId: t.admin.id, folder: 'inbox', since: new Date(), failures: 2, lastError: 'Graph 403' });
    await db.insert(outlookEvents).values({ activityId: activity.json().id, userId: t.admin.id, retryAt: new Date() });
    const backlogs = (await t.request({ method: 'GET', url: '/metrics' })).body;
    expect(metricValue(backlogs, 'meridian_mailbox_folders{state="failing"}')).toBe(1);
    expect(metricValue(backlogs, 'meridian_mailbox_folders{state="ok"}')).toBe(0);
    expect(metricValue(backlogs, 'meridian_outlook_events{state="due"}')).toBe(1);
    if (t.deps.database.kind === 'postgres') {
      expect(metricValue(body, 'meridian_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
      expect(metricValue(body, 'meridian_db_pool_connections{state="waiting"}')).toBe(0);
    }
  });

  it('still answers metrics, with the database down, when the database is gone', async () => {
    const other = await buildTestApp();
    await other.deps.database.close();
    const metrics = await other.request({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metricValue(metrics.body, 'meridian_database_up')).toBe(0);
    expect(metrics.body).not.toContain('meridian_jobs{');
    expect(metrics.body).not.toContain('meridian_outlook_events{');
    await other.app.close();
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

// Several workers need PostgreSQL: the embedded database belongs to one process.
describe.skipIf(!process.env.TEST_DATABASE_URL)('metrics of several workers', () => {
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('counts the requests of every worker in one scrape through the shared port', async () => {
    const port = await freePort();
    server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: {
        PATH: process.env.PATH,
        ...t.databaseEnvironment,
        PORT: String(port),
        MERIDIAN_WORKERS: '2',
        MERIDIAN_DEMO_DATA: '0',
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    await waitUntilAnswering(port);
    const before =
      metricValue(
        await get(port, '/metrics'),
        'meridian_http_request_duration_seconds_count{method="GET",route="/health",status="200"}',
      ) ?? 0;
    // A new connection each: the primary hands connections to the workers in turn.
    for (let i = 0; i < 20; i += 1) await get(port, '/health');
    const after = await get(port, '/metrics');
    expect(
      metricValue(after, 'meridian_http_request_duration_seconds_count{method="GET",route="/health",status="200"}'),
    ).toBe(before + 20);
    expect(metricValue(after, 'meridian_database_up')).toBe(1);
  }, 60_000);
});

function metricValue(body: string, series: string): number | undefined {
  const line = body.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

function get(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve(body));
    });
    request.on('error', reject);
  });
}

async function waitUntilAnswering(port: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      await get(port, '/health');
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error(`the server did not answer on port ${port}`);
}
