import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { leads } from '../../db/schema/index.js';

let t: TestApp;
let repA: TestUser;
let repB: TestUser;
const ids = {} as Record<'accountA' | 'accountShared' | 'contactA' | 'leadB' | 'territory', string>;

beforeAll(async () => {
  t = await buildTestApp();
  ids.territory = (
    await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name: 'Comms East' } })
  ).json().id;
  repA = await t.createUser();
  repB = await t.createUser({ territoryIds: [ids.territory] });
  ids.accountA = await createAccount(repA, { name: 'Comms Alpha' });
  ids.accountShared = await createAccount(repA, { name: 'Comms Shared', territoryId: ids.territory });
  ids.contactA = (
    await t.request({
      method: 'POST',
      url: '/api/v1/contacts',
      as: repA,
      payload: { accountId: ids.accountA, firstName: 'Cora', lastName: 'Contact' },
    })
  ).json().id;
  ids.leadB = uuidv7();
  await t.deps.database.db.insert(leads).values({
    id: ids.leadB,
    firstName: 'Lia',
    lastName: 'Lead',
    source: 'referral',
    stage: 'inquiry',
    status: 'open',
    ownerId: repB.id,
  });
});
afterAll(async () => {
  await t.close();
});

async function createAccount(as: TestUser, payload: Record<string, unknown>) {
  const response = await t.request({ method: 'POST', url: '/api/v1/accounts', as, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

const post = (as: TestUser, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.request({ method: 'POST', url: '/api/v1/communications', as, payload, headers });

async function createCommunication(as: TestUser, payload: Record<string, unknown>) {
  const response = await post(as, { channel: 'email', direction: 'outbound', ...payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('communications', () => {
  it('logs an e-mail with every field and sensible defaults', async () => {
    const email = await createCommunication(repA, {
      subject: 'Your quote',
      body: 'Dear Cora,\n\nplease find attached…',
      from: 'rep@meridian.example',
      to: ['cora@alpha.example', 'buyer@alpha.example'],
      cc: ['boss@meridian.example'],
      occurredAt: '2025-02-03T10:15:00.000Z',
      contactId: ids.contactA,
    });
    expect(email).toMatchObject({
      channel: 'email',
      direction: 'outbound',
      status: 'sent',
      from: 'rep@meridian.example',
      to: ['cora@alpha.example', 'buyer@alpha.example'],
      cc: ['boss@meridian.example'],
      occurredAt: '2025-02-03T10:15:00.000Z',
      durationSeconds: null,
      ownerId: repA.id,
      accountId: ids.accountA,
      contactId: ids.contactA,
    });
    const call = await createCommunication(repA, {
      channel: 'call',
      direction: 'inbound',
      durationSeconds: 320,
      accountId: ids.accountA,
    });
    expect(call).toMatchObject({ status: 'received', to: [], cc: [], subject: null, durationSeconds: 320 });
    expect(Date.now() - Date.parse(call.occurredAt)).toBeLessThan(60_000);
  });

  it('refuses bad input: no link, hidden links, a status against the direction, bad values', async () => {
    for (const [payload, field] of [
      [{}, 'accountId'],
      [{ leadId: ids.leadB }, 'leadId'],
      [{ accountId: ids.accountA, direction: 'inbound', status: 'sent' }, 'status'],
      [{ accountId: ids.accountA, direction: 'outbound', status: 'received' }, 'status'],
    ] as const) {
      const response = await post(repA, { channel: 'sms', direction: 'outbound', ...payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().errors[0].path).toBe(field);
    }
    for (const payload of [
      { channel: 'fax' },
      { direction: 'sideways' },
      { to: 'one@example.com' },
      { to: [''] },
      { to: ['not an address'] },
      { from: 'someone' },
      { cc: ['ana@example.com', 'ben at example'] },
      { durationSeconds: -1 },
      // Only calls last.
      { durationSeconds: 60 },
      { occurredAt: 'yesterday' },
      { ownerId: 'me' },
    ]) {
      const response = await post(repA, {
        channel: 'email',
        direction: 'outbound',
        accountId: ids.accountA,
        ...payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('keeps the status consistent with the direction on change', async () => {
    const message = await createCommunication(repA, { accountId: ids.accountA, status: 'queued' });
    const patch = (payload: Record<string, unknown>) =>
      t.request({ method: 'PATCH', url: `/api/v1/communications/${message.id}`, as: repA, payload });
    expect((await patch({ status: 'failed' })).json().status).toBe('failed');
    expect((await patch({ status: 'received' })).statusCode).toBe(400);
    expect((await patch({ direction: 'inbound' })).json()).toMatchObject({ direction: 'inbound', status: 'received' });
    expect((await patch({ to: ['x@example.com'], from: null })).json()).toMatchObject({
      to: ['x@example.com'],
      from: null,
    });
    expect((await patch({ to: ['x at example'] })).statusCode).toBe(400);
    expect((await patch({ to: ['Xavier Ortiz <x@example.com>'] })).statusCode).toBe(200);
    // A call's parties are numbers; a channel change checks the addresses the message keeps.
    const call = await createCommunication(repA, { accountId: ids.accountA, channel: 'call', to: ['+1 555 0100'] });
    expect(call.to).toEqual(['+1 555 0100']);
    const asEmail = await t.request({
      method: 'PATCH',
      url: `/api/v1/communications/${call.id}`,
      as: repA,
      payload: { channel: 'email' },
    });
    expect(asEmail.statusCode).toBe(400);
  });

  it('takes a message sent or received in the future as a mistake, and a queued one as planned', async () => {
    const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString();
    for (const [direction, status] of [
      ['outbound', 'sent'],
      ['inbound', 'received'],
      ['outbound', 'failed'],
    ]) {
      const response = await post(repA, {
        channel: 'email',
        direction,
        status,
        occurredAt: nextYear,
        accountId: ids.accountA,
      });
      expect(response.statusCode, status).toBe(400);
      expect(response.json().errors).toEqual([
        { path: 'occurredAt', message: 'must not be later than now unless the message is queued' },
      ]);
    }
    const queued = await createCommunication(repA, { accountId: ids.accountA, status: 'queued', occurredAt: nextYear });
    expect(queued.occurredAt).toBe(nextYear);
    // Marked sent, it must say when it went.
    const patch = (payload: Record<string, unknown>) =>
      t.request({ method: 'PATCH', url: `/api/v1/communications/${queued.id}`, as: repA, payload });
    expect((await patch({ status: 'sent' })).statusCode).toBe(400);
    const now = new Date().toISOString();
    expect((await patch({ status: 'sent', occurredAt: now })).json()).toMatchObject({
      status: 'sent',
      occurredAt: now,
    });
  });

  it('is visible to the owner team and through linked records; changed only by the owner side', async () => {
    const own = await createCommunication(repA, { accountId: ids.accountA, subject: 'Private' });
    const shared = await createCommunication(repA, { accountId: ids.accountShared, subject: 'Shared' });
    const viaLead = await createCommunication(t.admin, { ownerId: repA.id, leadId: ids.leadB, subject: 'Lead mail' });
    const listed = async (as: TestUser) =>
      (await t.request({ method: 'GET', url: '/api/v1/communications?limit=200', as }))
        .json()
        .data.map((message: { id: string }) => message.id);
    const seenByB = await listed(repB);
    expect(seenByB).toContain(shared.id);
    expect(seenByB).toContain(viaLead.id);
    expect(seenByB).not.toContain(own.id);
    expect(await listed(t.admin)).toEqual(expect.arrayContaining([own.id, shared.id, viaLead.id]));
    expect((await t.request({ method: 'GET', url: `/api/v1/communications/${own.id}`, as: repB })).statusCode).toBe(
      404,
    );
    const patchAs = (as: TestUser, id: string) =>
      t.request({ method: 'PATCH', url: `/api/v1/communications/${id}`, as, payload: { subject: 'Edited' } });
    expect((await patchAs(repB, shared.id)).statusCode).toBe(403);
    expect((await patchAs(repB, own.id)).statusCode).toBe(404);
    expect((await patchAs(t.admin, shared.id)).statusCode).toBe(200);
  });

  it('filters by channel, direction, link and time, searches subjects, and pages by occurredAt', async () => {
    const account = await createAccount(repA, { name: 'Comms Filter Co' });
    for (const [index, occurredAt] of [
      '2025-01-03T00:00:00Z',
      '2025-01-01T00:00:00Z',
      '2025-01-02T00:00:00Z',
    ].entries()) {
      await createCommunication(repA, {
        accountId: account,
        occurredAt,
        subject: `Thread ${index}`,
        channel: index === 2 ? 'sms' : 'email',
      });
    }
    const subjects = async (query: string) =>
      (await t.request({ method: 'GET', url: `/api/v1/communications?accountId=${account}&${query}`, as: repA }))
        .json()
        .data.map((message: { subject: string }) => message.subject);
    expect(await subjects('sort=occurredAt')).toEqual(['Thread 1', 'Thread 2', 'Thread 0']);
    expect(await subjects('')).toEqual(['Thread 0', 'Thread 2', 'Thread 1']);
    expect(await subjects('channel=sms')).toEqual(['Thread 2']);
    expect(await subjects('direction=inbound')).toEqual([]);
    expect(await subjects('occurredAtFrom=2025-01-02&occurredAtTo=2025-01-02T12:00:00Z')).toEqual(['Thread 2']);
    expect(await subjects('q=ead%200')).toEqual(['Thread 0']);
    const first = (
      await t.request({ method: 'GET', url: `/api/v1/communications?accountId=${account}&limit=2`, as: repA })
    ).json();
    const rest = (
      await t.request({
        method: 'GET',
        url: `/api/v1/communications?accountId=${account}&limit=2&cursor=${first.nextCursor}`,
        as: repA,
      })
    ).json();
    expect([...first.data, ...rest.data].map((message: { subject: string }) => message.subject)).toEqual([
      'Thread 0',
      'Thread 2',
      'Thread 1',
    ]);
    expect(rest.nextCursor).toBeNull();
  });

  it('replays a create with the same Idempotency-Key, honours If-Match, and restores', async () => {
    const headers = { 'idempotency-key': `comm-${uuidv7()}` };
    const payload = { channel: 'call', direction: 'outbound', accountId: ids.accountA, subject: 'Once only' };
    const first = await post(repA, payload, headers);
    const replay = await post(repA, payload, headers);
    expect(replay.statusCode).toBe(201);
    expect(replay.json().id).toBe(first.json().id);
    const id = first.json().id;
    const stale = await t.request({
      method: 'PATCH',
      url: `/api/v1/communications/${id}`,
      as: repA,
      payload: { subject: 'x' },
      headers: { 'if-match': '"9"' },
    });
    expect(stale.statusCode).toBe(412);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/communications/${id}`, as: repA })).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: `/api/v1/communications/${id}`, as: repA })).statusCode).toBe(404);
    const restored = await t.request({ method: 'POST', url: `/api/v1/communications/${id}/restore`, as: repA });
    expect(restored.json()).toMatchObject({ id, subject: 'Once only' });
  });
});
