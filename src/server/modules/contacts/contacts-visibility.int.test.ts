import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

/**
 * Contacts are seen through their account: a rep sees the contacts of accounts in their territories and
 * of accounts their team owns, and that follows the account when it moves, is deleted, restored or merged.
 * A rep in territory North and one in South; the admin owns the records unless said otherwise.
 */
let t: TestApp;
let northRep: TestUser;
let southRep: TestUser;
const territories = { north: '', south: '' };

beforeAll(async () => {
  t = await buildTestApp();
  const territory = async (name: string) =>
    (await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name } })).json()
      .id as string;
  territories.north = await territory('North');
  territories.south = await territory('South');
  northRep = await t.createUser({ territoryIds: [territories.north] });
  southRep = await t.createUser({ territoryIds: [territories.south] });
});
afterAll(async () => {
  await t.close();
});

async function createAccount(name: string, payload: Record<string, unknown>) {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/accounts',
    as: t.admin,
    payload: { name, ...payload },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}
async function createContact(accountId: string, lastName: string) {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/contacts',
    as: t.admin,
    payload: { accountId, firstName: 'Nora', lastName },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

/** What a user finds of a contact: the record, the list with its count, and global search. */
async function findsOf(user: TestUser, contactId: string, lastName: string) {
  const record = await t.request({ method: 'GET', url: `/api/v1/contacts/${contactId}`, as: user });
  const list = await t.request({
    method: 'GET',
    url: `/api/v1/contacts?q=${lastName}&includeTotal=true`,
    as: user,
  });
  const search = await t.request({ method: 'GET', url: `/api/v1/search?q=${lastName}&types=contact`, as: user });
  return {
    get: record.statusCode,
    listed: list.json().total as number,
    searched: (search.json().data as { id: string }[]).some((hit) => hit.id === contactId),
  };
}
const seen = { get: 200, listed: 1, searched: true };
const unseen = { get: 404, listed: 0, searched: false };

describe('contact visibility', () => {
  it('follows the account when it moves to another territory, is deleted or restored', async () => {
    const accountId = await createAccount('Wandering Supply', { territoryId: territories.north });
    const contactId = await createContact(accountId, 'Wanderwell');
    expect(await findsOf(northRep, contactId, 'Wanderwell')).toEqual(seen);
    expect(await findsOf(southRep, contactId, 'Wanderwell')).toEqual(unseen);

    const moved = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${accountId}`,
      as: t.admin,
      payload: { territoryId: territories.south },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await findsOf(northRep, contactId, 'Wanderwell')).toEqual(unseen);
    expect(await findsOf(southRep, contactId, 'Wanderwell')).toEqual(seen);
    // The list's territory filter is the account's territory too.
    const inSouth = await t.request({
      method: 'GET',
      url: `/api/v1/contacts?territoryId=${territories.south}&includeTotal=true`,
      as: t.admin,
    });
    expect(inSouth.json().data.map((contact: { id: string }) => contact.id)).toEqual([contactId]);

    // A deleted account shows its contacts to no one through its territory; restored, it shows them again.
    const deleted = await t.request({ method: 'DELETE', url: `/api/v1/accounts/${accountId}`, as: t.admin });
    expect(deleted.statusCode).toBe(204);
    expect((await findsOf(southRep, contactId, 'Wanderwell')).get).toBe(404);
    const restored = await t.request({ method: 'POST', url: `/api/v1/accounts/${accountId}/restore`, as: t.admin });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(await findsOf(southRep, contactId, 'Wanderwell')).toEqual(seen);
  });

  it('moves with its account into the survivor of a merge', async () => {
    const source = await createAccount('Merging Parts North', { territoryId: territories.north });
    const survivor = await createAccount('Merging Parts South', { territoryId: territories.south });
    const contactId = await createContact(source, 'Mergefield');
    expect(await findsOf(northRep, contactId, 'Mergefield')).toEqual(seen);

    const merge = await t.request({
      method: 'POST',
      url: `/api/v1/accounts/${survivor}/merge`,
      as: t.admin,
      payload: { sourceId: source },
    });
    expect(merge.statusCode, merge.body).toBe(200);
    expect(await findsOf(northRep, contactId, 'Mergefield')).toEqual(unseen);
    expect(await findsOf(southRep, contactId, 'Mergefield')).toEqual(seen);
  });

  it("shows a rep the contacts of the accounts they own in another rep's territory", async () => {
    const accountId = await createAccount('Crossover Dealer', { territoryId: territories.north, ownerId: southRep.id });
    const contactId = await createContact(accountId, 'Crossbow');
    expect(await findsOf(southRep, contactId, 'Crossbow')).toEqual(seen);
    expect(await findsOf(northRep, contactId, 'Crossbow')).toEqual(seen);

    // Handed to the admin, the account's contacts are no longer the south rep's to see.
    const handed = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${accountId}`,
      as: t.admin,
      payload: { ownerId: t.admin.id },
    });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(await findsOf(southRep, contactId, 'Crossbow')).toEqual(unseen);
  });

  it("refuses a territory written by a client: it is always the account's", async () => {
    const accountId = await createAccount('Plain Farm', { territoryId: territories.north });
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/contacts',
      as: t.admin,
      payload: { accountId, firstName: 'Nora', lastName: 'Stayput', territoryId: territories.south },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { path: 'territoryId', message: '"territoryId" is not a field of this request' },
    ]);
  });
});
