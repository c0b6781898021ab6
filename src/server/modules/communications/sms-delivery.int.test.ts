import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { loadConfig } from '../../config.js';
import { UNDO_SEND_MS } from './message-delivery.js';
import { deliverDueTexts } from './sms-delivery.service.js';

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'twilio-auth-token';

/** A stand-in for Twilio's Messages endpoint: checks what Twilio documents, answers as Twilio does. */
type TwilioRequest = { path: string; authorization: string | undefined; contentType: string; form: URLSearchParams };
let twilio: http.Server;
let requests: TwilioRequest[];
let answers: { status: number; json: unknown }[];
/** Requests Twilio took: each text it accepts gets an id of its own, as Twilio's are. */
let sent = 0;

let t: TestApp;
let rep: TestUser;
let contactId: string;

beforeAll(async () => {
  twilio = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => {
      raw += chunk;
    });
    request.on('end', () => {
      const form = new URLSearchParams(raw);
      requests.push({
        path: request.url ?? '',
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'] ?? '',
        form,
      });
      sent += 1;
      const reply = answers.shift() ?? {
        status: 201,
        json: { sid: `SM${String(sent).padStart(32, '0')}`, status: 'queued', to: form.get('To') },
      };
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply.json));
    });
  });
  await new Promise<void>((resolve) => twilio.listen(0, '127.0.0.1', resolve));
  t = await buildTestApp({
    MERIDIAN_TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    MERIDIAN_TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    MERIDIAN_SMS_FROM: '+15005550006',
    MERIDIAN_TWILIO_URL: `http://127.0.0.1:${(twilio.address() as AddressInfo).port}`,
  });
  rep = await t.createUser({ name: 'Sam Texter' });
  const account = (
    await t.request({ method: 'POST', url: '/api/v1/accounts', as: rep, payload: { name: 'Texting Tractors' } })
  ).json();
  contactId = (
    await t.request({
      method: 'POST',
      url: '/api/v1/contacts',
      as: rep,
      payload: { accountId: account.id, firstName: 'Tom', lastName: 'Mobile', mobile: '+31 6 1234 5678' },
    })
  ).json().id;
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => twilio.close(() => resolve()));
});
beforeEach(() => {
  requests = [];
  answers = [];
});

/** A moment after the chance to take a message back is over. */
const settled = () => new Date(Date.now() + UNDO_SEND_MS + 1000);

/** POSTs a queued text to the contact's mobile, with `payload` over the defaults. */
const postText = (payload: Record<string, unknown>) =>
  t.request({
    method: 'POST',
    url: '/api/v1/communications',
    as: rep,
    payload: {
      channel: 'sms',
      direction: 'outbound',
      status: 'queued',
      contactId,
      to: ['+31 6 1234 5678'],
      body: 'Your parts are in: pick them up from Thursday.',
      ...payload,
    },
  });

async function queueText(payload: Record<string, unknown> = {}) {
  const response = await postText(payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const read = async (id: string) =>
  (await t.request({ method: 'GET', url: `/api/v1/communications/${id}`, as: rep })).json();

describe('sending queued texts through Twilio', () => {
  it('sends a text as Twilio documents the request, and logs it as sent with Twilio’s id', async () => {
    const queued = await queueText();
    // Stored in E.164, as it will be sent.
    expect(queued.to).toEqual(['+31612345678']);
    expect(await deliverDueTexts(t.deps, { now: settled })).toEqual({ sent: 1, failed: 0, retrying: 0 });

    const [request] = requests;
    expect(request?.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request?.contentType).toBe('application/x-www-form-urlencoded');
    expect(request?.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
    expect(Object.fromEntries(request?.form ?? [])).toEqual({
      To: '+31612345678',
      From: '+15005550006',
      Body: 'Your parts are in: pick them up from Thursday.',
    });
    const sent = await read(queued.id);
    expect(sent).toMatchObject({ status: 'sent', from: '+15005550006', deliveryError: null });
    expect(sent.messageId).toMatch(/^SM\d{32}$/);
    // Sent once: another run finds nothing.
    expect(await deliverDueTexts(t.deps, { now: settled })).toEqual({ sent: 0, failed: 0, retrying: 0 });
  });

  it('waits the moment to take a text back, as an e-mail does', async () => {
    await queueText();
    expect(await deliverDueTexts(t.deps)).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(await deliverDueTexts(t.deps, { now: settled })).toMatchObject({ sent: 1 });
  });

  it('fails a number Twilio refuses at once, says why, and tells its owner', async () => {
    answers = [
      { status: 400, json: { code: 21614, message: "'To' number is not a valid mobile number", status: 400 } },
    ];
    const queued = await queueText({ to: ['+1 312 555 0199'] });
    expect(await deliverDueTexts(t.deps, { now: settled })).toEqual({ sent: 0, failed: 1, retrying: 0 });
    const failed = await read(queued.id);
    expect(failed).toMatchObject({
      status: 'failed',
      deliveryError: "Twilio answered 400 (error 21614): 'To' number is not a valid mobile number",
    });
    const inbox = (await t.request({ method: 'GET', url: '/api/v1/notifications', as: rep })).json().data;
    expect(inbox).toContainEqual(
      expect.objectContaining({ kind: 'sms_failed', title: 'Text not sent to +13125550199', entity: 'contacts' }),
    );
  });

  it('retries while Twilio is down, then sends', async () => {
    answers = [{ status: 503, json: { message: 'Service Unavailable' } }];
    const queued = await queueText();
    expect(await deliverDueTexts(t.deps, { now: settled })).toEqual({ sent: 0, failed: 0, retrying: 1 });
    const waiting = await read(queued.id);
    expect(waiting).toMatchObject({ status: 'queued' });
    expect(waiting.deliveryError).toMatch(/^attempt 1 of 5 failed, will retry: Twilio answered 503/);
    const later = () => new Date(Date.now() + UNDO_SEND_MS + 2 * 60_000);
    expect(await deliverDueTexts(t.deps, { now: later })).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(requests).toHaveLength(2);
  });

  it('refuses a text it could not send, and changes nothing', async () => {
    const before = (
      await t.request({ method: 'GET', url: '/api/v1/communications?channel=sms&includeTotal=true', as: rep })
    ).json().total;
    for (const [payload, field] of [
      [{ to: ['+31 6 1234 5678', '+31 6 8765 4321'] }, 'to'],
      [{ to: [] }, 'to'],
      [{ to: ['06 1234 5678'] }, 'to.0'],
      [{ body: '' }, 'body'],
      [{ body: 'x'.repeat(1601) }, 'body'],
      [{ cc: ['+31 6 8765 4321'] }, 'cc'],
    ] as const) {
      const response = await postText(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(response.json().errors), JSON.stringify(payload)).toContain(field);
    }
    // A text only logged keeps its number as typed.
    const logged = await queueText({ status: 'sent', to: ['06 1234 5678'] });
    expect(logged.to).toEqual(['06 1234 5678']);
    const after = (
      await t.request({ method: 'GET', url: '/api/v1/communications?channel=sms&includeTotal=true', as: rep })
    ).json().total;
    expect(after).toBe(before + 1);
  });
});

describe('the offline outbox', () => {
  it('is the transport without Twilio, and writes each text as a JSON file', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-sms-'));
    const offline = await buildTestApp({ MERIDIAN_SMS_OUTBOX_DIR: directory });
    try {
      const texter = await offline.createUser();
      const account = (
        await offline.request({ method: 'POST', url: '/api/v1/accounts', as: texter, payload: { name: 'Outbox Farm' } })
      ).json();
      const queued = (
        await offline.request({
          method: 'POST',
          url: '/api/v1/communications',
          as: texter,
          payload: {
            channel: 'sms',
            direction: 'outbound',
            status: 'queued',
            accountId: account.id,
            to: ['+44 7700 900123'],
            body: 'See you at 10.',
          },
        })
      ).json();
      expect(await deliverDueTexts(offline.deps, { now: settled })).toMatchObject({ sent: 1 });
      const [file] = fs.readdirSync(directory);
      expect(file).toMatch(new RegExp(`-${queued.id}\\.json$`));
      expect(JSON.parse(fs.readFileSync(path.join(directory, file as string), 'utf8'))).toMatchObject({
        id: queued.id,
        from: null,
        to: '+447700900123',
        body: 'See you at 10.',
      });
    } finally {
      await offline.close();
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('needs every Twilio setting, or says which is missing at start', () => {
    expect(() => loadConfig({ MERIDIAN_TWILIO_ACCOUNT_SID: ACCOUNT_SID })).toThrow(
      /MERIDIAN_TWILIO_AUTH_TOKEN, MERIDIAN_SMS_FROM/,
    );
    expect(() => loadConfig({ MERIDIAN_SMS_FROM: '+1 555' })).toThrow(/MERIDIAN_SMS_FROM/);
  });
});
