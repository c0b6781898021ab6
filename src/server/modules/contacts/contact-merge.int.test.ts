import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

let t: TestApp;
let rep: TestUser;
let peer: TestUser;
let accountId: string;

beforeAll(async () => {
  t = await buildTestApp();
  rep = await t.createUser();
  peer = await t.createUser();
  accountId = (
    await t.request({ method: 'POST', url: '/api/v1/accounts', as: rep, payload: { name: 'Merge Mowers Inc' } })
  ).json().id;
});
afterAll(async () => {
  await t.close();
});

async function post(url: string, payload: Record<string, unknown>, as: TestUser = rep) {
  const response = await t.request({ method: 'POST', url: `/api/v1${url}`, as, payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}
const contact = (payload: Record<string, unknown>) =>
  post('/contacts', { accountId, allowDuplicate: true, ...payload });
const get = async (url: string) => (await t.request({ method: 'GET', url: `/api/v1${url}`, as: rep })).json();

describe('merging duplicate contacts', () => {
  it('moves every record and report to the survivor, fills its gaps, and keeps the duplicate as merged', async () => {
    const boss = await contact({ firstName: 'Bea', lastName: 'Boss' });
    const survivor = await contact({ firstName: 'Anna', lastName: 'Berg', email: 'anna@mergemowers.example' });
    // The duplicate from an import: another spelling, the phone and title the survivor lacks, primary.
    const duplicate = await contact({
      firstName: 'Ana',
      lastName: 'Berg',
      title: 'Head of purchasing',
      mobile: '+31 6 5555 0101',
      isPrimary: true,
      reportsToId: boss.id,
    });
    const report = await contact({ firstName: 'Rik', lastName: 'Report', reportsToId: duplicate.id });
    const deal = await post('/opportunities', {
      name: 'Merge deal',
      accountId,
      contactId: duplicate.id,
      amount: 1000,
      closeDate: '2027-06-30',
    });
    const call = await post('/activities', { type: 'call', subject: 'Merge call', contactId: duplicate.id });
    const task = await post('/tasks', { title: 'Merge task', contactId: duplicate.id });
    const note = await post('/notes', { body: 'Merge note', contactId: duplicate.id });

    const response = await t.request({
      method: 'POST',
      url: `/api/v1/contacts/${survivor.id}/merge`,
      as: rep,
      headers: { 'if-match': `"${survivor.version}"` },
      payload: { sourceId: duplicate.id },
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result.moved).toMatchObject({ opportunities: 1, activities: 1, tasks: 1, notes: 1, reports: 1 });
    expect(result.contact).toMatchObject({
      id: survivor.id,
      email: 'anna@mergemowers.example',
      title: 'Head of purchasing',
      isPrimary: true,
      version: survivor.version + 1,
    });
    expect(result.contact.mobile).toMatch(/^\+31/);
    expect(response.headers.etag).toBe(`"${result.contact.version}"`);

    expect((await get(`/opportunities/${deal.id}`)).contactId).toBe(survivor.id);
    expect((await get(`/activities/${call.id}`)).contactId).toBe(survivor.id);
    expect((await get(`/tasks/${task.id}`)).contactId).toBe(survivor.id);
    expect((await get(`/notes/${note.id}`)).contactId).toBe(survivor.id);
    expect((await get(`/contacts/${report.id}`)).reportsToId).toBe(survivor.id);
    // The duplicate is gone from lists and reads, and the account's one primary is the survivor.
    expect((await t.request({ method: 'GET', url: `/api/v1/contacts/${duplicate.id}`, as: rep })).statusCode).toBe(404);
    const primaries = (await get(`/contacts?accountId=${accountId}&isPrimary=true`)).data;
    expect(primaries.map((row: { id: string }) => row.id)).toEqual([survivor.id]);
    const trail = (
      await t.request({ method: 'GET', url: `/api/v1/audit?entity=contacts&entityId=${survivor.id}`, as: t.admin })
    ).json();
    expect(trail.data[0]).toMatchObject({ action: 'merge', actorId: rep.id });
  });

  it('refuses what it cannot merge, and changes nothing', async () => {
    const one = await contact({ firstName: 'One', lastName: 'Person' });
    const two = await contact({ firstName: 'Two', lastName: 'Person' });
    const elsewhere = await post('/contacts', {
      accountId: (await post('/accounts', { name: 'Other Merge Account' })).id,
      firstName: 'Three',
      lastName: 'Person',
    });
    const cases: [TestUser, string, Record<string, unknown>, Record<string, string>, number][] = [
      [rep, one.id, { sourceId: one.id }, {}, 400],
      [rep, one.id, { sourceId: elsewhere.id }, {}, 400],
      [rep, one.id, { sourceId: two.id }, { 'if-match': '"99"' }, 412],
      [peer, one.id, { sourceId: two.id }, {}, 404],
      [rep, one.id, { sourceId: '019a4b77-422f-7fed-a6e9-94d23874eea1' }, {}, 404],
    ];
    for (const [as, id, payload, headers, status] of cases) {
      const response = await t.request({ method: 'POST', url: `/api/v1/contacts/${id}/merge`, as, headers, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
    }
    expect(await get(`/contacts/${two.id}`)).toMatchObject({ id: two.id, version: two.version });
    expect(await get(`/contacts/${one.id}`)).toMatchObject({ version: one.version });
  });
});
