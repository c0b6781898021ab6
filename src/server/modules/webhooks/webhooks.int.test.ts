import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import type { WebhookEvent } from '../../../shared/contracts/webhooks.js';
import { deliverDueWebhooks } from './webhook-delivery.service.js';
import { verifyWebhookSignature } from './webhook-signature.js';

/** What an endpoint received: the body as sent, and the headers. */
type Received = { body: string; headers: http.IncomingHttpHeaders; event: WebhookEvent };

let t: TestApp;
let rep: TestUser;
let receiver: http.Server;
let received: Received[];
/** How the endpoint answers the next requests: 204 unless a test says otherwise. */
let answers: number[];
let endpoint: string;

beforeAll(async () => {
  t = await buildTestApp();
  rep = await t.createUser();
  receiver = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ body, headers: request.headers, event: JSON.parse(body) });
      const status = answers.shift() ?? 204;
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(status >= 300 ? 'the receiver is down for maintenance' : '');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/meridian-events`;
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});
beforeEach(() => {
  received = [];
  answers = [];
});

const asAdmin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.request({ method, url: `/api/v1${url}`, as: t.admin, ...(payload === undefined ? {} : { payload }) });

async function subscribe(events: string[]) {
  const response = await asAdmin('POST', '/webhooks', { url: endpoint, description: 'ERP bridge', events });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; secret: string; version: number };
}

/** Runs the delivery job as the worker would, at a moment of the test's choosing. */
const deliver = (at = new Date()) => deliverDueWebhooks(t.deps, { now: () => at });

async function createAccount(name: string) {
  const response = await t.request({ method: 'POST', url: '/api/v1/accounts', as: rep, payload: { name } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; version: number };
}

describe('webhooks', () => {
  it('are managed by admins only; the secret is shown once; bad input changes nothing', async () => {
    const hook = await subscribe(['account.*']);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    const read = await asAdmin('GET', `/webhooks/${hook.id}`);
    expect(read.json()).toMatchObject({ url: endpoint, events: ['account.*'], active: true, disabledReason: null });
    expect(read.json()).not.toHaveProperty('secret');

    for (const [method, url] of [
      ['GET', '/webhooks'],
      ['GET', `/webhooks/${hook.id}`],
      ['POST', '/webhooks'],
      ['POST', `/webhooks/${hook.id}/ping`],
      ['GET', `/webhooks/${hook.id}/deliveries`],
    ] as const) {
      const response = await t.request({
        method,
        url: `/api/v1${url}`,
        as: rep,
        ...(method === 'POST' ? { payload: { url: endpoint, events: ['*'] } } : {}),
      });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }

    const before = (await asAdmin('GET', '/webhooks?includeTotal=true')).json().total;
    for (const [payload, field] of [
      [{ url: 'ftp://files.example.com/in', events: ['*'] }, 'url'],
      [{ url: 'not a url', events: ['*'] }, 'url'],
      [{ url: endpoint, events: ['account.exploded'] }, 'events'],
      [{ url: endpoint, events: ['deal.*'] }, 'events'],
      [{ url: endpoint, events: ['constructor.*'] }, 'events'],
      [{ url: endpoint, events: [] }, 'events'],
      [{ url: endpoint, events: ['*'], secret: 'mine' }, 'secret'],
    ] as const) {
      const response = await asAdmin('POST', '/webhooks', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(JSON.stringify(response.json().errors), JSON.stringify(payload)).toContain(field);
    }
    expect((await asAdmin('GET', '/webhooks?includeTotal=true')).json().total).toBe(before);
    await asAdmin('DELETE', `/webhooks/${hook.id}`);
  });

  it('POST each change as a signed event, once per endpoint, after the change commits', async () => {
    const hook = await subscribe(['account.*', 'opportunity.stage_changed']);
    const account = await createAccount('Webhook Farm Supply');
    const renamed = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${account.id}`,
      as: rep,
      payload: { name: 'Webhook Farm & Garden' },
    });
    expect(renamed.statusCode).toBe(200);
    // Not subscribed: a contact, and a deal's own creation.
    await t.request({
      method: 'POST',
      url: '/api/v1/contacts',
      as: rep,
      payload: { accountId: account.id, firstName: 'Nora', lastName: 'Hook' },
    });
    const deal = await t.request({
      method: 'POST',
      url: '/api/v1/opportunities',
      as: rep,
      payload: { name: 'Spring order', accountId: account.id, amount: 12000, closeDate: '2027-04-30' },
    });
    expect(deal.statusCode, deal.body).toBe(201);
    await t.request({
      method: 'POST',
      url: `/api/v1/opportunities/${deal.json().id}/stage`,
      as: rep,
      payload: { stage: 'proposal' },
    });

    expect(await deliver()).toEqual({ delivered: 3, retrying: 0, failed: 0 });
    expect(received.map((request) => request.event.type)).toEqual([
      'account.created',
      'account.updated',
      'opportunity.stage_changed',
    ]);
    const [created, updated, staged] = received as [Received, Received, Received];
    expect(created.event).toMatchObject({
      actorId: rep.id,
      data: { object: { id: account.id, name: 'Webhook Farm Supply', version: 1 }, previousAttributes: null },
    });
    expect(updated.event.data).toMatchObject({
      object: { id: account.id, name: 'Webhook Farm & Garden', version: 2 },
      previousAttributes: { name: 'Webhook Farm Supply' },
    });
    expect(staged.event.data.object).toMatchObject({ id: deal.json().id, stage: 'proposal' });
    expect(staged.event.data.previousAttributes).toMatchObject({ stage: 'prospecting' });

    // Signed with the webhook's secret over the exact body; another secret or body does not verify.
    for (const request of received) {
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['meridian-event-id']).toBe(request.event.id);
      expect(request.headers['meridian-event-type']).toBe(request.event.type);
      expect(request.headers['meridian-delivery-attempt']).toBe('1');
      const signature = request.headers['meridian-signature'] as string;
      expect(verifyWebhookSignature(hook.secret, request.body, signature)).toBe(true);
      expect(verifyWebhookSignature(`${hook.secret}x`, request.body, signature)).toBe(false);
      expect(verifyWebhookSignature(hook.secret, `${request.body} `, signature)).toBe(false);
    }

    // Each is delivered once: another run sends nothing, and the log says what went.
    expect(await deliver()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    const log = (await asAdmin('GET', `/webhooks/${hook.id}/deliveries`)).json().data;
    expect(log.map((delivery: { type: string }) => delivery.type)).toEqual([
      'opportunity.stage_changed',
      'account.updated',
      'account.created',
    ]);
    expect(log[0]).toMatchObject({ status: 'delivered', attempts: 1, responseStatus: 204, error: null });
    const detail = (await asAdmin('GET', `/webhooks/${hook.id}/deliveries/${log[2].eventId}`)).json();
    expect(detail.payload).toEqual(created.event);
    await asAdmin('DELETE', `/webhooks/${hook.id}`);
  });

  it('queue nothing for a change that rolls back', async () => {
    const hook = await subscribe(['territory.*']);
    const territory = (await asAdmin('POST', '/territories', { name: `Rollback ${Date.now()}` })).json();
    await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: t.admin,
      payload: { name: 'Keeps the territory', territoryId: territory.id },
    });
    // The territory still holds an account: the delete is refused after it was audited, and rolls back.
    expect((await asAdmin('DELETE', `/territories/${territory.id}`)).statusCode).toBe(409);
    await deliver();
    expect(received.map((request) => request.event.type)).toEqual(['territory.created']);
    await asAdmin('DELETE', `/webhooks/${hook.id}`);
  });

  it('retry an endpoint that fails, with the same event, until it answers; then give up or turn it off', async () => {
    const hook = await subscribe(['account.created']);
    answers = [500];
    await createAccount('Retry Tractors');
    const start = new Date();
    expect(await deliver(start)).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    const [pending] = (await asAdmin('GET', `/webhooks/${hook.id}/deliveries`)).json().data;
    expect(pending).toMatchObject({
      status: 'pending',
      attempts: 1,
      responseStatus: 500,
      error: 'HTTP 500: the receiver is down for maintenance',
    });
    expect(Date.parse(pending.nextAttemptAt) - start.getTime()).toBe(60_000);
    // Not due yet: nothing is sent before the pause is over.
    expect(await deliver(new Date(start.getTime() + 30_000))).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(await deliver(new Date(start.getTime() + 61_000))).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(received.map((request) => request.event.id)).toEqual([pending.eventId, pending.eventId]);
    expect(received[1]?.headers['meridian-delivery-attempt']).toBe('2');

    // A failed delivery is sent again on request, once the endpoint works.
    answers = [503, 503, 503, 503, 503, 503, 503, 503];
    await createAccount('Never Answers Ltd');
    let at = start.getTime() + 120_000;
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      await deliver(new Date(at));
      at += 25 * 3_600_000;
    }
    const [failed] = (await asAdmin('GET', `/webhooks/${hook.id}/deliveries?status=failed`)).json().data;
    expect(failed).toMatchObject({ status: 'failed', attempts: 8, nextAttemptAt: null, responseStatus: 503 });
    const again = await asAdmin('POST', `/webhooks/${hook.id}/deliveries/${failed.eventId}/redeliver`);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await deliver(new Date(at))).toEqual({ delivered: 1, retrying: 0, failed: 0 });

    // 410 Gone: the endpoint says it is gone for good, so the webhook is turned off and says why.
    answers = [410];
    await createAccount('Gone Away Inc');
    expect(await deliver(new Date(at))).toEqual({ delivered: 0, retrying: 0, failed: 1 });
    const off = (await asAdmin('GET', `/webhooks/${hook.id}`)).json();
    expect(off.active).toBe(false);
    expect(off.disabledReason).toMatch(/410 Gone/);
    received = [];
    await createAccount('Nobody Listens Co');
    await deliver(new Date(at));
    expect(received).toEqual([]);
    const on = await asAdmin('PATCH', `/webhooks/${hook.id}`, { active: true });
    expect(on.json()).toMatchObject({ active: true, disabledReason: null });
    await asAdmin('DELETE', `/webhooks/${hook.id}`);
  });

  it('ping an endpoint, and sign with a rotated secret from then on', async () => {
    const hook = await subscribe(['lead.converted']);
    const ping = await asAdmin('POST', `/webhooks/${hook.id}/ping`);
    expect(ping.statusCode).toBe(202);
    expect(ping.json()).toMatchObject({ type: 'ping', status: 'pending' });
    const rotated = await asAdmin('POST', `/webhooks/${hook.id}/rotate-secret`);
    expect(rotated.statusCode).toBe(200);
    const { secret } = rotated.json();
    expect(secret).not.toBe(hook.secret);
    await deliver();
    expect(received).toHaveLength(1);
    const [request] = received as [Received];
    expect(request.event).toMatchObject({ type: 'ping', data: { object: { webhookId: hook.id } } });
    expect(verifyWebhookSignature(secret, request.body, request.headers['meridian-signature'] as string)).toBe(true);
    expect(verifyWebhookSignature(hook.secret, request.body, request.headers['meridian-signature'] as string)).toBe(
      false,
    );
    // The secret is not in the audit trail.
    const trail = (await asAdmin('GET', `/audit?entity=webhooks&entityId=${hook.id}`)).body;
    expect(trail).not.toContain(secret);
    expect(trail).not.toContain(hook.secret);

    // A deleted webhook gets nothing.
    await asAdmin('DELETE', `/webhooks/${hook.id}`);
    expect((await asAdmin('POST', `/webhooks/${hook.id}/ping`)).statusCode).toBe(404);
  });
});
