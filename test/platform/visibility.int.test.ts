import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../helpers/app.js';

/**
 * The visibility matrix of API.md: an admin, a manager of territory North with one rep, and a rep in
 * territory South. Every read (get, list, count, search, hierarchy, summary) and write is checked.
 */
let t: TestApp;
let manager: TestUser;
let northRep: TestUser;
let southRep: TestUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  const territory = async (name: string) =>
    (await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name } })).json()
      .id as string;
  ids.north = await territory('North');
  ids.south = await territory('South');
  manager = await t.createUser({ role: 'manager' });
  await t.request({
    method: 'PATCH',
    url: `/api/v1/territories/${ids.north}`,
    as: t.admin,
    payload: { managerId: manager.id },
  });
  northRep = await t.createUser({ managerId: manager.id, territoryIds: [ids.north] });
  southRep = await t.createUser({ territoryIds: [ids.south] });

  const account = async (as: TestUser, name: string, territoryId: string | null) => {
    const response = await t.request({ method: 'POST', url: '/api/v1/accounts', as, payload: { name, territoryId } });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  ids.northOwn = await account(northRep, 'Matrix North Own', ids.north);
  ids.southOwn = await account(southRep, 'Matrix South Own', ids.south);
  ids.southByNorthRep = await account(northRep, 'Matrix South Held By North Rep', ids.south);
  ids.adminOnly = await account(t.admin, 'Matrix Unassigned', null);

  const contact = async (as: TestUser, accountId: string, lastName: string, ownerId = as.id) => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/contacts',
      as,
      payload: { accountId, firstName: 'Matrix', lastName, ownerId },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  ids.contactNorth = await contact(northRep, ids.northOwn, 'Northcontact');
  ids.contactSouth = await contact(southRep, ids.southOwn, 'Southcontact');
  // The north rep cannot see the south account; an admin files this contact there for them.
  ids.contactSouthByNorthRep = await contact(t.admin, ids.southOwn, 'Crossover', northRep.id);
});
afterAll(async () => {
  await t.close();
});

const accountNames = {
  northOwn: 'Matrix North Own',
  southOwn: 'Matrix South Own',
  southByNorthRep: 'Matrix South Held By North Rep',
  adminOnly: 'Matrix Unassigned',
};

async function visibleAccountKeys(as: TestUser) {
  const response = await t.request({ method: 'GET', url: '/api/v1/accounts?q=matrix&includeTotal=true&limit=200', as });
  expect(response.statusCode).toBe(200);
  const names: string[] = response.json().data.map((account: { name: string }) => account.name);
  expect(response.json().total).toBe(names.length);
  return Object.entries(accountNames)
    .filter(([, name]) => names.includes(name))
    .map(([key]) => key)
    .sort();
}

async function visibleContactKeys(as: TestUser) {
  const response = await t.request({ method: 'GET', url: '/api/v1/contacts?q=matrix&includeTotal=true&limit=200', as });
  expect(response.statusCode).toBe(200);
  const found = new Set(response.json().data.map((contact: { id: string }) => contact.id));
  expect(response.json().total).toBe(found.size);
  return ['contactNorth', 'contactSouth', 'contactSouthByNorthRep'].filter((key) => found.has(ids[key])).sort();
}

describe('who sees what', () => {
  it('lists and counts only visible accounts for each role', async () => {
    expect(await visibleAccountKeys(t.admin)).toEqual(['adminOnly', 'northOwn', 'southByNorthRep', 'southOwn']);
    // The manager: territory North, plus what their rep owns elsewhere.
    expect(await visibleAccountKeys(manager)).toEqual(['northOwn', 'southByNorthRep']);
    expect(await visibleAccountKeys(northRep)).toEqual(['northOwn', 'southByNorthRep']);
    // The south rep: their own, and everything in their territory whoever owns it.
    expect(await visibleAccountKeys(southRep)).toEqual(['southByNorthRep', 'southOwn']);
  });

  it('applies visibility together with a territory filter', async () => {
    const names = async (as: TestUser, territoryId: string) =>
      (await t.request({ method: 'GET', url: `/api/v1/accounts?q=matrix&territoryId=${territoryId}&sort=name`, as }))
        .json()
        .data.map((account: { name: string }) => account.name);
    expect(await names(southRep, ids.south as string)).toEqual([accountNames.southByNorthRep, accountNames.southOwn]);
    expect(await names(southRep, ids.north as string)).toEqual([]);
    // The north rep does not cover South, but owns an account there.
    expect(await names(northRep, ids.south as string)).toEqual([accountNames.southByNorthRep]);
    expect(await names(northRep, `${ids.north},${ids.south}`)).toEqual([
      accountNames.northOwn,
      accountNames.southByNorthRep,
    ]);
  });

  it('lists and counts only visible contacts: own team, or hanging off a visible account', async () => {
    expect(await visibleContactKeys(t.admin)).toEqual(['contactNorth', 'contactSouth', 'contactSouthByNorthRep']);
    expect(await visibleContactKeys(manager)).toEqual(['contactNorth', 'contactSouthByNorthRep']);
    expect(await visibleContactKeys(northRep)).toEqual(['contactNorth', 'contactSouthByNorthRep']);
    expect(await visibleContactKeys(southRep)).toEqual(['contactSouth', 'contactSouthByNorthRep']);
  });

  it('answers 404 for an invisible record and 403 for a visible one the caller may not change', async () => {
    expect((await t.request({ method: 'GET', url: `/api/v1/accounts/${ids.northOwn}`, as: southRep })).statusCode).toBe(
      404,
    );
    expect(
      (await t.request({ method: 'GET', url: `/api/v1/contacts/${ids.contactNorth}`, as: southRep })).statusCode,
    ).toBe(404);
    const invisiblePatch = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${ids.northOwn}`,
      as: southRep,
      payload: { name: 'Hijacked' },
    });
    expect(invisiblePatch.statusCode).toBe(404);
    expect(
      (await t.request({ method: 'DELETE', url: `/api/v1/accounts/${ids.adminOnly}`, as: manager })).statusCode,
    ).toBe(404);

    // South rep sees the north rep's account in their territory, but it is not theirs to change.
    expect(
      (await t.request({ method: 'GET', url: `/api/v1/accounts/${ids.southByNorthRep}`, as: southRep })).statusCode,
    ).toBe(200);
    const forbidden = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${ids.southByNorthRep}`,
      as: southRep,
      payload: { name: 'Taken over' },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(
      (await t.request({ method: 'DELETE', url: `/api/v1/accounts/${ids.southByNorthRep}`, as: southRep })).statusCode,
    ).toBe(403);
    const contactForbidden = await t.request({
      method: 'PATCH',
      url: `/api/v1/contacts/${ids.contactSouthByNorthRep}`,
      as: southRep,
      payload: { title: 'Mine now' },
    });
    expect(contactForbidden.statusCode).toBe(403);
    const unchanged = await t.request({ method: 'GET', url: `/api/v1/accounts/${ids.southByNorthRep}`, as: t.admin });
    expect(unchanged.json().name).toBe(accountNames.southByNorthRep);
  });

  it("lets a manager change their rep's records, and the owner change their own", async () => {
    const byManager = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${ids.southByNorthRep}`,
      as: manager,
      payload: { industry: 'Agriculture' },
    });
    expect(byManager.statusCode).toBe(200);
    const byOwner = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${ids.southOwn}`,
      as: southRep,
      payload: { industry: 'Retail' },
    });
    expect(byOwner.statusCode).toBe(200);
  });

  it('scopes global search', async () => {
    const titles = async (as: TestUser) =>
      (await t.request({ method: 'GET', url: '/api/v1/search?q=matrix&limit=50', as }))
        .json()
        .data.map((hit: { title: string }) => hit.title) as string[];
    const southTitles = await titles(southRep);
    expect(southTitles).toContain(accountNames.southOwn);
    expect(southTitles).not.toContain(accountNames.northOwn);
    expect(southTitles).not.toContain('Matrix Northcontact');
    expect(southTitles).toContain('Matrix Crossover');
    const adminTitles = await titles(t.admin);
    expect(adminTitles).toEqual(expect.arrayContaining(Object.values(accountNames)));
  });

  it('keeps typo matches of several names inside visibility', async () => {
    // A lead's company is a second name for the trigram phase: a rep must not find another territory's
    // lead by misspelling its company.
    const lead = await t.request({
      method: 'POST',
      url: '/api/v1/leads',
      as: northRep,
      payload: {
        firstName: 'Odile',
        lastName: 'Quarterman',
        company: 'Zephyrine Tractor Works',
        source: 'website',
        territoryId: ids.north,
      },
    });
    expect(lead.statusCode, lead.body).toBe(201);
    const hitIds = async (as: TestUser) =>
      (await t.request({ method: 'GET', url: '/api/v1/search?q=Zephyrin%20Tracter%20Works&types=lead', as }))
        .json()
        .data.map((hit: { id: string }) => hit.id) as string[];
    expect(await hitIds(northRep)).toContain(lead.json().id);
    expect(await hitIds(t.admin)).toContain(lead.json().id);
    expect(await hitIds(southRep)).not.toContain(lead.json().id);
  });

  it('scopes the hierarchy and the summary', async () => {
    // North rep's account becomes the parent of south's own account: south rep sees the child, not the parent.
    const moved = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${ids.southOwn}`,
      as: t.admin,
      payload: { parentId: ids.northOwn, annualRevenue: 500 },
    });
    expect(moved.statusCode).toBe(200);
    await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${ids.northOwn}`,
      as: t.admin,
      payload: { annualRevenue: 1000 },
    });

    // Below the south account, a north account (hidden from the south rep) with a south account under it.
    const createAccount = async (as: TestUser, name: string, territoryId: string | undefined) => {
      const response = await t.request({ method: 'POST', url: '/api/v1/accounts', as, payload: { name, territoryId } });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    const middle = await createAccount(northRep, 'Matrix North Middle', ids.north);
    const leaf = await createAccount(southRep, 'Matrix South Leaf', ids.south);
    for (const [id, parentId, annualRevenue] of [
      [middle, ids.southOwn, 200],
      [leaf, middle, 50],
    ] as const) {
      const patched = await t.request({
        method: 'PATCH',
        url: `/api/v1/accounts/${id}`,
        as: t.admin,
        payload: { parentId, annualRevenue },
      });
      expect(patched.statusCode, patched.body).toBe(200);
    }

    // The south rep's tree holds only what they see: the leaf hangs from its nearest visible ancestor.
    const treeResponse = await t.request({ method: 'GET', url: `/api/v1/accounts/${leaf}/hierarchy`, as: southRep });
    const tree = treeResponse.json();
    expect(tree.rootId).toBe(ids.southOwn);
    expect(tree.nodes).toEqual([
      expect.objectContaining({
        id: ids.southOwn,
        parentId: null,
        depth: 0,
        visible: true,
        name: accountNames.southOwn,
        childrenCount: 1,
        descendantCount: 1,
        subtreeAnnualRevenue: 550,
      }),
      expect.objectContaining({
        id: leaf,
        parentId: ids.southOwn,
        depth: 1,
        childrenCount: 0,
        subtreeAnnualRevenue: 50,
      }),
    ]);
    expect(treeResponse.body).not.toContain(ids.northOwn);
    expect(treeResponse.body).not.toContain(middle);
    // The tree of an account they may not see is no tree at all, whatever family it sits in.
    for (const hidden of [middle, ids.northOwn]) {
      const refused = await t.request({ method: 'GET', url: `/api/v1/accounts/${hidden}/hierarchy`, as: southRep });
      expect(refused.statusCode).toBe(404);
      expect(refused.body).not.toContain(accountNames.southOwn);
    }

    const adminTree = (
      await t.request({ method: 'GET', url: `/api/v1/accounts/${leaf}/hierarchy`, as: t.admin })
    ).json();
    expect(adminTree.rootId).toBe(ids.northOwn);
    expect(adminTree.nodes.map((node: { id: string; depth: number }) => [node.id, node.depth])).toEqual([
      [ids.northOwn, 0],
      [ids.southOwn, 1],
      [middle, 2],
      [leaf, 3],
    ]);
    expect(adminTree.nodes[0]).toMatchObject({ descendantCount: 3, subtreeAnnualRevenue: 1750 });

    const summary = async (as: TestUser) =>
      (await t.request({ method: 'GET', url: `/api/v1/accounts/${ids.southOwn}/summary`, as })).json();
    expect((await summary(t.admin)).contacts).toBe(2);
    expect((await summary(southRep)).contacts).toBe(2);
    expect(
      (await t.request({ method: 'GET', url: `/api/v1/accounts/${ids.northOwn}/summary`, as: southRep })).statusCode,
    ).toBe(404);
  });
});
