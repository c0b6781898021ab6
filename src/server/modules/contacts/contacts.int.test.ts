import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';

let t: TestApp;
let accountId: string;
let otherAccountId: string;
beforeAll(async () => {
  t = await buildTestApp();
  const account = async (name: string) =>
    (await t.request({ method: 'POST', url: '/api/v1/accounts', as: t.admin, payload: { name } })).json().id as string;
  accountId = await account('Contact Test Account');
  otherAccountId = await account('Other Contact Account');
});
afterAll(async () => {
  await t.close();
});

let sequence = 0;
async function createContact(payload: Record<string, unknown> = {}) {
  sequence += 1;
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/contacts',
    as: t.admin,
    payload: { accountId, firstName: 'Ada', lastName: `Person${sequence}`, ...payload },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}
const get = (url: string) => t.request({ method: 'GET', url, as: t.admin });
const patch = (id: string, payload: Record<string, unknown>) =>
  t.request({ method: 'PATCH', url: `/api/v1/contacts/${id}`, as: t.admin, payload });

describe('contacts', () => {
  it('normalises e-mail and phone numbers and rejects malformed ones', async () => {
    const contact = await createContact({
      email: 'Ada.Lovelace@Example.COM',
      phone: '+44 (20) 7946-0958',
      mobile: '0171 234 5678',
      role: 'decision_maker',
      title: 'Head of Purchasing',
    });
    expect(contact).toMatchObject({ email: 'ada.lovelace@example.com', phone: '+442079460958', mobile: '01712345678' });
    for (const payload of [
      { email: 'nope' },
      { phone: 'call me' },
      { phone: '12' },
      { role: 'boss' },
      { firstName: '' },
    ]) {
      const response = await t.request({
        method: 'POST',
        url: '/api/v1/contacts',
        as: t.admin,
        payload: { accountId, firstName: 'X', lastName: 'Y', ...payload },
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const noAccount = await t.request({
      method: 'POST',
      url: '/api/v1/contacts',
      as: t.admin,
      payload: { firstName: 'X', lastName: 'Y' },
    });
    expect(noAccount.statusCode).toBe(400);
  });

  it('answers 409 with the existing id for a duplicate e-mail, unless allowDuplicate', async () => {
    const first = await createContact({ email: 'dup@example.com' });
    const duplicate = await t.request({
      method: 'POST',
      url: '/api/v1/contacts',
      as: t.admin,
      payload: { accountId, firstName: 'Other', lastName: 'Person', email: 'DUP@example.com' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().existingId).toBe(first.id);
    await createContact({ email: 'dup@example.com', allowDuplicate: true });
    const viaQuery = await t.request({
      method: 'POST',
      url: '/api/v1/contacts?allowDuplicate=true',
      as: t.admin,
      payload: { accountId, firstName: 'Third', lastName: 'Person', email: 'dup@example.com' },
    });
    expect(viaQuery.statusCode).toBe(201);
  });

  it("answers 409 when an edit takes another contact's e-mail, unless allowDuplicate", async () => {
    const holder = await createContact({ email: 'taken@example.com' });
    const mover = await createContact({ email: 'mover@example.com' });
    const taken = await patch(mover.id, { email: ' Taken@Example.com ' });
    expect(taken.statusCode, taken.body).toBe(409);
    expect(taken.json().existingId).toBe(holder.id);
    expect((await get(`/api/v1/contacts/${mover.id}`)).json()).toMatchObject({
      email: 'mover@example.com',
      version: 1,
    });

    // Its own e-mail again, in other letters, is no conflict; allowDuplicate takes the other one.
    expect((await patch(mover.id, { email: 'MOVER@example.com', title: 'Buyer' })).statusCode).toBe(200);
    const allowed = await patch(mover.id, { email: 'taken@example.com', allowDuplicate: true });
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect(allowed.json()).toMatchObject({ email: 'taken@example.com' });
    expect(allowed.json()).not.toHaveProperty('allowDuplicate');
  });

  it('hands the reports of a deleted contact to their manager', async () => {
    const chief = await createContact();
    const head = await createContact({ reportsToId: chief.id });
    const clerk = await createContact({ reportsToId: head.id });
    const deleted = await t.request({ method: 'DELETE', url: `/api/v1/contacts/${head.id}`, as: t.admin });
    expect(deleted.statusCode).toBe(204);
    expect((await get(`/api/v1/contacts/${clerk.id}`)).json()).toMatchObject({ reportsToId: chief.id, version: 2 });
  });

  it('trims a pasted e-mail address before checking it', async () => {
    const contact = await createContact({ email: '  Grace.Hopper@Example.com ' });
    expect(contact.email).toBe('grace.hopper@example.com');
  });

  it('keeps reports-to within the account and free of cycles', async () => {
    const boss = await createContact();
    const deputy = await createContact({ reportsToId: boss.id });
    const assistant = await createContact({ reportsToId: deputy.id });
    expect((await patch(boss.id, { reportsToId: assistant.id })).statusCode).toBe(400);
    expect((await patch(boss.id, { reportsToId: boss.id })).statusCode).toBe(400);
    const elsewhere = await createContact({ accountId: otherAccountId });
    expect((await patch(deputy.id, { reportsToId: elsewhere.id })).statusCode).toBe(400);
    const crossCreate = await t.request({
      method: 'POST',
      url: '/api/v1/contacts',
      as: t.admin,
      payload: { accountId: otherAccountId, firstName: 'X', lastName: 'Y', reportsToId: boss.id },
    });
    expect(crossCreate.statusCode).toBe(400);
    expect((await get(`/api/v1/contacts/${boss.id}`)).json()).toMatchObject({ reportsToId: null, version: 1 });
    // Moving the deputy to another account drops the link that would now cross accounts.
    const moved = await patch(deputy.id, { accountId: otherAccountId, reportsToId: null });
    expect(moved.statusCode).toBe(200);
    expect((await get(`/api/v1/contacts/${assistant.id}`)).json().reportsToId).toBeNull();
  });

  it('keeps at most one primary contact per account, switching atomically', async () => {
    const first = await createContact({ isPrimary: true });
    const second = await createContact({ isPrimary: true });
    expect((await get(`/api/v1/contacts/${first.id}`)).json().isPrimary).toBe(false);
    expect((await get(`/api/v1/contacts/${second.id}`)).json().isPrimary).toBe(true);

    const candidates = await Promise.all([createContact(), createContact(), createContact(), createContact()]);
    const answers = await Promise.all(candidates.map((candidate) => patch(candidate.id, { isPrimary: true })));
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200]);
    const primaries = (await get(`/api/v1/contacts?accountId=${accountId}&isPrimary=true`)).json().data;
    expect(primaries).toHaveLength(1);
  });

  it('lets the deals, tasks and activities of a deleted contact go of them, and a deleted deal likewise', async () => {
    const contact = await createContact();
    const send = (method: 'POST' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
      t.request({ method, url, as: t.admin, payload });
    const deal = (
      await send('POST', '/api/v1/opportunities', {
        name: 'Linked deal',
        accountId,
        contactId: contact.id,
        amount: 500,
        closeDate: '2031-03-31',
      })
    ).json();
    const task = (await send('POST', '/api/v1/tasks', { title: 'Call back', contactId: contact.id })).json();
    const call = (
      await send('POST', '/api/v1/activities', {
        type: 'call',
        subject: 'About the deal',
        contactId: contact.id,
        opportunityId: deal.id,
      })
    ).json();

    expect((await send('DELETE', `/api/v1/contacts/${contact.id}`)).statusCode).toBe(204);
    const dealAfter = (await get(`/api/v1/opportunities/${deal.id}`)).json();
    expect(dealAfter).toMatchObject({ contactId: null, accountId, version: deal.version + 1 });
    expect((await get(`/api/v1/tasks/${task.id}`)).json()).toMatchObject({ contactId: null, accountId });
    expect((await get(`/api/v1/activities/${call.id}`)).json()).toMatchObject({
      contactId: null,
      opportunityId: deal.id,
    });

    expect((await send('DELETE', `/api/v1/opportunities/${deal.id}`)).statusCode).toBe(204);
    expect((await get(`/api/v1/activities/${call.id}`)).json()).toMatchObject({ opportunityId: null, accountId });
  });

  it('lets a restored contact report to no one when the one they reported to was deleted since', async () => {
    const manager = await createContact();
    const assistant = await createContact({ reportsToId: manager.id });
    const remove = (id: string) => t.request({ method: 'DELETE', url: `/api/v1/contacts/${id}`, as: t.admin });
    expect((await remove(assistant.id)).statusCode).toBe(204);
    expect((await remove(manager.id)).statusCode).toBe(204);
    const restored = await t.request({ method: 'POST', url: `/api/v1/contacts/${assistant.id}/restore`, as: t.admin });
    expect(restored.statusCode).toBe(200);
    expect(restored.json().reportsToId).toBeNull();
  });

  it('never lets reporting lines sent at once close a loop', async () => {
    const [c1, c2, c3] = await Promise.all([createContact(), createContact(), createContact()]);
    const ring = [
      [c1.id, c2.id],
      [c2.id, c3.id],
      [c3.id, c1.id],
    ] as const;
    const answers = await Promise.all(ring.map(([id, reportsToId]) => patch(id, { reportsToId })));
    // Alone, each would be fine; together they would be a loop, so the last to be settled is refused.
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 200, 400]);
  });

  it('restores a deleted primary contact as a plain one when the account has a new primary', async () => {
    const account = (
      await t.request({ method: 'POST', url: '/api/v1/accounts', as: t.admin, payload: { name: 'Restore Co' } })
    ).json();
    const old = await createContact({ accountId: account.id, isPrimary: true });
    expect((await t.request({ method: 'DELETE', url: `/api/v1/contacts/${old.id}`, as: t.admin })).statusCode).toBe(
      204,
    );
    await createContact({ accountId: account.id, isPrimary: true });
    const restored = await t.request({ method: 'POST', url: `/api/v1/contacts/${old.id}/restore`, as: t.admin });
    expect(restored.statusCode).toBe(200);
    expect(restored.json().isPrimary).toBe(false);
  });

  it('filters by account, role and primary flag, and searches names, e-mail and phone', async () => {
    const account = (
      await t.request({ method: 'POST', url: '/api/v1/accounts', as: t.admin, payload: { name: 'Search Co' } })
    ).json();
    const grace = await createContact({
      accountId: account.id,
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@navy.example',
      phone: '+1 202 555 0199',
      role: 'influencer',
    });
    await createContact({ accountId: account.id, firstName: 'Alan', lastName: 'Turing', role: 'decision_maker' });
    const ids = async (query: string) =>
      (await get(`/api/v1/contacts?accountId=${account.id}&${query}`))
        .json()
        .data.map((contact: { id: string }) => contact.id);
    const phoneForms = ['+1 202 555 0199', '(202) 555-0199', '202-555-0199', '2025550199', '555-0199', '1202555'];
    for (const q of ['grace', 'hopper', 'grace hop', 'Grace Hoper', 'grace@navy.example', ...phoneForms]) {
      expect(await ids(`q=${encodeURIComponent(q)}`), q).toEqual([grace.id]);
    }
    expect(await ids('role=influencer')).toEqual([grace.id]);
    expect((await ids('sort=-lastName')).length).toBe(2);
  });
});
