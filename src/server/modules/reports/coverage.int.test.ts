import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { answerQuestion } from '../../../../test/helpers/questions.js';
import { coverageQuerySchema } from '../../../shared/contracts/coverage.js';
import { activities } from '../../db/schema/index.js';
import { getCoverageReport } from './coverage.service.js';

/*
 * A field team whose coverage is worked out by hand below (the numbers are written literally, never
 * recomputed by the code under test). Times are whole days from T0, the moment the fixture is built; the
 * requests run seconds later, so "now" is T0 to the day.
 * - territories North (managed by Mia) and South; Nora (rep in North, reports to Mia), Sam (rep in South).
 *
 * account            territory  owner  revenue  visits (d = days from T0)                       at 90 days
 * Alder Farm Supply  North      Nora   500000   completed -10d and -200d                        visited
 * Birch Co-op        North      Nora   900000   completed -120d, planned +5d                    unvisited, plan
 * Cedar Implements   North      Nora   —        cancelled -5d, planned -3d (overdue), a call -2d  never
 * Dogwood Dealers    South      Sam    300000   completed -30d, planned +10d and +20d           visited, plan
 * Elm Growers        South      Sam    900000   none                                            never
 * Fir Traders        South      Nora   100000   completed -89d; a deleted one -1d               visited
 * Juniper Mills      South      Mia    400000   completed -100d                                 unvisited
 * Ghost Orchard      —          admin   50000   completed -60d                                  visited
 * Hazel Ranch        —          —       —        none                                            never
 * (deleted account)  North      Nora   —        completed -1d                                   not counted
 *
 * Who sees which account: the admin all nine; Mia North's three and her team's (Nora's Fir Traders, her
 * own Juniper Mills): five; Nora North's and her own: Alder, Birch, Cedar, Fir; Sam all of South: four.
 */

let t: TestApp;
let mia: TestUser;
let nora: TestUser;
let sam: TestUser;
const ids: Record<string, string> = {};

const DAY = 86_400_000;
const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const iso = (days: number) => at(days).toISOString();

type Visit = { status: 'completed' | 'planned' | 'cancelled'; days: number; type?: string; deleted?: boolean };

async function visit(accountId: string, ownerId: string, { status, days, type = 'visit', deleted }: Visit) {
  await t.deps.database.db.insert(activities).values({
    id: v7(),
    type,
    subject: `${status} ${type}`,
    status,
    accountId,
    ownerId,
    scheduledAt: at(days),
    completedAt: status === 'completed' ? at(days) : null,
    deletedAt: deleted ? at(0) : null,
  });
}

async function get(as: TestUser, url: string) {
  const response = await t.request({ method: 'GET', url: `/api/v1/reports/${url}`, as });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

beforeAll(async () => {
  t = await buildTestApp();
  mia = await t.createUser({ role: 'manager', name: 'Mia Manager' });
  const territory = async (name: string, managerId: string | null) => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/territories',
      as: t.admin,
      payload: { name, managerId },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  ids.north = await territory('North', mia.id);
  ids.south = await territory('South', null);
  nora = await t.createUser({ name: 'Nora North', managerId: mia.id, territoryIds: [ids.north] });
  sam = await t.createUser({ name: 'Sam South', territoryIds: [ids.south] });

  const account = async (
    key: string,
    payload: { name: string; ownerId: string | null; territoryId: string | null; [field: string]: unknown },
  ) => {
    const response = await t.request({ method: 'POST', url: '/api/v1/accounts', as: t.admin, payload });
    expect(response.statusCode, response.body).toBe(201);
    ids[key] = response.json().id;
    return ids[key] as string;
  };
  const north = ids.north;
  const south = ids.south;
  const alder = await account('alder', {
    name: 'Alder Farm Supply',
    type: 'dealer',
    ownerId: nora.id,
    territoryId: north,
    annualRevenue: 500000,
    address: { city: 'Fargo' },
  });
  const birch = await account('birch', {
    name: 'Birch Co-op',
    ownerId: nora.id,
    territoryId: north,
    annualRevenue: 900000,
    address: { city: 'Bismarck' },
    location: { lat: 46.81, lng: -100.78 },
  });
  const cedar = await account('cedar', {
    name: 'Cedar Implements',
    type: 'distributor',
    ownerId: nora.id,
    territoryId: north,
  });
  const dogwood = await account('dogwood', {
    name: 'Dogwood Dealers',
    type: 'dealer',
    ownerId: sam.id,
    territoryId: south,
    annualRevenue: 300000,
  });
  await account('elm', { name: 'Elm Growers', ownerId: sam.id, territoryId: south, annualRevenue: 900000 });
  const fir = await account('fir', {
    name: 'Fir Traders',
    ownerId: nora.id,
    territoryId: south,
    annualRevenue: 100000,
  });
  const juniper = await account('juniper', {
    name: 'Juniper Mills',
    type: 'partner',
    ownerId: mia.id,
    territoryId: south,
    annualRevenue: 400000,
  });
  const ghost = await account('ghost', {
    name: 'Ghost Orchard',
    ownerId: t.admin.id,
    territoryId: null,
    annualRevenue: 50000,
  });
  await account('hazel', { name: 'Hazel Ranch', type: 'supplier', ownerId: null, territoryId: null });
  const gone = await account('gone', { name: 'Gone Gardens', ownerId: nora.id, territoryId: north });

  await visit(alder, nora.id, { status: 'completed', days: -10 });
  await visit(alder, nora.id, { status: 'completed', days: -200 });
  await visit(birch, nora.id, { status: 'completed', days: -120 });
  await visit(birch, nora.id, { status: 'planned', days: 5 });
  await visit(cedar, nora.id, { status: 'cancelled', days: -5 });
  await visit(cedar, nora.id, { status: 'planned', days: -3 });
  await visit(cedar, nora.id, { status: 'completed', days: -2, type: 'call' });
  await visit(dogwood, sam.id, { status: 'completed', days: -30 });
  await visit(dogwood, sam.id, { status: 'planned', days: 10 });
  await visit(dogwood, sam.id, { status: 'planned', days: 20 });
  await visit(fir, nora.id, { status: 'completed', days: -89 });
  await visit(fir, nora.id, { status: 'completed', days: -1, deleted: true });
  await visit(juniper, mia.id, { status: 'completed', days: -100 });
  await visit(ghost, t.admin.id, { status: 'completed', days: -60 });
  await visit(gone, nora.id, { status: 'completed', days: -1 });
  const deletion = await t.request({ method: 'DELETE', url: `/api/v1/accounts/${gone}`, as: t.admin });
  expect(deletion.statusCode).toBe(204);
});
afterAll(async () => {
  await t?.close();
});

/** A group's figures; the rate is written as the fraction it is. */
const group = (
  key: string | null,
  label: string,
  accounts: number,
  visited: number,
  withPlannedVisit: number,
  lastVisitDays: number | null,
) => ({
  key,
  label,
  accounts,
  visited,
  coverageRate: accounts === 0 ? null : visited / accounts,
  withPlannedVisit,
  // No account of the fixture has a call cycle until the last test gives some one.
  dueForVisit: 0,
  lastVisitAt: lastVisitDays === null ? null : iso(lastVisitDays),
});
const totals = (...figures: Parameters<typeof group>) => {
  const { key: _key, label: _label, ...measures } = group(...figures);
  return measures;
};

describe('GET /reports/coverage', () => {
  it('counts accounts visited in the last 90 days per territory, for the admin', async () => {
    const body = await get(t.admin, 'coverage');
    expect(body).toMatchObject({ groupBy: 'territory', days: 90 });
    expect(Date.parse(body.asOf) - Date.parse(body.since)).toBe(90 * DAY);
    expect(body.data).toEqual([
      group(ids.north as string, 'North', 3, 1, 1, -10),
      group(ids.south as string, 'South', 4, 2, 1, -30),
      group(null, 'No territory', 2, 1, 0, -60),
    ]);
    expect(body.totals).toEqual(totals(null, '', 9, 4, 2, -10));
  });

  it('groups by owner, the accounts without one last', async () => {
    const body = await get(t.admin, 'coverage?groupBy=owner');
    expect(body.data).toEqual([
      group(mia.id, 'Mia Manager', 1, 0, 0, -100),
      group(nora.id, 'Nora North', 4, 2, 1, -10),
      group(sam.id, 'Sam South', 2, 1, 1, -30),
      group(t.admin.id, 'Test Admin', 1, 1, 0, -60),
      group(null, 'No owner', 1, 0, 0, null),
    ]);
    expect(body.totals).toEqual(totals(null, '', 9, 4, 2, -10));
  });

  it('widens the window with days', async () => {
    // At 180 days Birch (-120) and Juniper (-100) are covered too; Alder's -200 still counts as its -10.
    const body = await get(t.admin, 'coverage?days=180');
    expect(body.data).toEqual([
      group(ids.north as string, 'North', 3, 2, 1, -10),
      group(ids.south as string, 'South', 4, 3, 1, -30),
      group(null, 'No territory', 2, 1, 0, -60),
    ]);
    expect(body.totals.visited).toBe(6);
  });

  it('narrows by territory, owner and account type', async () => {
    expect((await get(t.admin, `coverage?territoryId=${ids.south}&type=customer`)).data).toEqual([
      group(ids.south as string, 'South', 2, 1, 0, -89),
    ]);
    expect((await get(t.admin, `coverage?type=dealer,distributor&groupBy=owner`)).data).toEqual([
      group(nora.id, 'Nora North', 2, 1, 0, -10),
      group(sam.id, 'Sam South', 1, 1, 1, -30),
    ]);
    expect((await get(sam, 'coverage?ownerId=me')).totals).toEqual(totals(null, '', 2, 1, 1, -30));
    // Nothing in scope: an empty list and zero totals with no rate.
    expect(await get(t.admin, `coverage?territoryId=${ids.north}&type=supplier`)).toMatchObject({
      data: [],
      totals: { accounts: 0, visited: 0, coverageRate: null, withPlannedVisit: 0, lastVisitAt: null },
    });
  });

  it('counts only what each viewer may see', async () => {
    expect(await get(mia, 'coverage')).toMatchObject({
      data: [group(ids.north as string, 'North', 3, 1, 1, -10), group(ids.south as string, 'South', 2, 1, 0, -89)],
      totals: totals(null, '', 5, 2, 1, -10),
    });
    expect(await get(nora, 'coverage')).toMatchObject({
      data: [group(ids.north as string, 'North', 3, 1, 1, -10), group(ids.south as string, 'South', 1, 1, 0, -89)],
      totals: totals(null, '', 4, 2, 1, -10),
    });
    expect(await get(sam, 'coverage')).toMatchObject({
      data: [group(ids.south as string, 'South', 4, 2, 1, -30)],
      totals: totals(null, '', 4, 2, 1, -30),
    });
    // Narrowing to a territory tells nothing of accounts there the viewer may not see.
    expect((await get(nora, `coverage?territoryId=${ids.south}&groupBy=owner`)).data).toEqual([
      group(nora.id, 'Nora North', 1, 1, 0, -89),
    ]);
  });

  it('takes "now" as given: the window includes its first instant, plans count only after now', async () => {
    // 30 days after T0 the window starts at -60 days: Ghost Orchard's visit is on its first instant.
    // Every planned visit (+5, +10, +20) is then in the past: none is a plan any more.
    const report = await getCoverageReport(
      t.deps,
      { userId: t.admin.id, role: 'admin', territoryIds: [], reportIds: [], scopes: ['read'], requestId: null },
      coverageQuerySchema.parse({}),
      at(30),
    );
    expect(report).toMatchObject({ since: iso(-60), asOf: iso(30) });
    expect(report.data).toEqual([
      group(ids.north as string, 'North', 3, 1, 0, -10),
      group(ids.south as string, 'South', 4, 1, 0, -30),
      group(null, 'No territory', 2, 1, 0, -60),
    ]);
  });
});

type CoverageAccountBody = { id: string; name: string };
const names = (body: { data: CoverageAccountBody[] }) => body.data.map((account) => account.name);

describe('GET /reports/coverage/accounts', () => {
  it('lists the neglected accounts, the most valuable first, with their visits', async () => {
    const body = await get(t.admin, 'coverage/accounts');
    expect(names(body)).toEqual(['Birch Co-op', 'Elm Growers', 'Juniper Mills', 'Cedar Implements', 'Hazel Ranch']);
    expect(body.nextCursor).toBeNull();
    expect(body.days).toBe(90);
    expect(body.data[0]).toEqual({
      id: ids.birch,
      name: 'Birch Co-op',
      type: 'customer',
      city: 'Bismarck',
      territoryId: ids.north,
      ownerId: nora.id,
      annualRevenue: 900000,
      location: { lat: 46.81, lng: -100.78 },
      lastVisitAt: iso(-120),
      daysSinceLastVisit: 120,
      nextPlannedVisitAt: iso(5),
      visitEveryDays: null,
      visitDueAt: null,
      visitDue: false,
    });
    // Cancelled, overdue planned and non-visit activities are no visit and no plan.
    expect(body.data[3]).toMatchObject({
      name: 'Cedar Implements',
      annualRevenue: null,
      city: null,
      location: null,
      lastVisitAt: null,
      daysSinceLastVisit: null,
      nextPlannedVisitAt: null,
    });
  });

  it('sorts by the last visit (never visited first) and by name', async () => {
    expect(names(await get(t.admin, 'coverage/accounts?sort=lastVisitAt'))).toEqual([
      'Cedar Implements',
      'Elm Growers',
      'Hazel Ranch',
      'Birch Co-op',
      'Juniper Mills',
    ]);
    expect(names(await get(t.admin, 'coverage/accounts?sort=name'))).toEqual([
      'Birch Co-op',
      'Cedar Implements',
      'Elm Growers',
      'Hazel Ranch',
      'Juniper Mills',
    ]);
  });

  it('lists the visited accounts, or all of them', async () => {
    const visited = await get(t.admin, 'coverage/accounts?status=visited&sort=name');
    expect(names(visited)).toEqual(['Alder Farm Supply', 'Dogwood Dealers', 'Fir Traders', 'Ghost Orchard']);
    expect(visited.data[0]).toMatchObject({ lastVisitAt: iso(-10), daysSinceLastVisit: 10, nextPlannedVisitAt: null });
    // The earliest of two planned visits.
    expect(visited.data[1]).toMatchObject({ daysSinceLastVisit: 30, nextPlannedVisitAt: iso(10) });
    expect(names(await get(t.admin, 'coverage/accounts?status=all&sort=name&days=180'))).toHaveLength(9);
    expect(names(await get(t.admin, 'coverage/accounts?status=visited&days=180&sort=-annualRevenue'))).toEqual([
      'Birch Co-op',
      'Alder Farm Supply',
      'Juniper Mills',
      'Dogwood Dealers',
      'Fir Traders',
      'Ghost Orchard',
    ]);
  });

  it('pages through every sort with limit and cursor, each account once, ties included', async () => {
    for (const sort of ['-annualRevenue', 'lastVisitAt', 'visitDueAt', 'name']) {
      const whole = names(await get(t.admin, `coverage/accounts?status=all&sort=${sort}`));
      expect(whole).toHaveLength(9);
      const paged: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `coverage/accounts?status=all&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const body = await get(t.admin, query);
        paged.push(...names(body));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor);
      expect(paged, sort).toEqual(whole);
      expect(pages, sort).toBe(5);
    }
  });

  it('lists only what each viewer may see', async () => {
    expect(names(await get(mia, 'coverage/accounts?sort=name'))).toEqual([
      'Birch Co-op',
      'Cedar Implements',
      'Juniper Mills',
    ]);
    expect(names(await get(nora, 'coverage/accounts?sort=name'))).toEqual(['Birch Co-op', 'Cedar Implements']);
    expect(names(await get(sam, 'coverage/accounts?sort=name'))).toEqual(['Elm Growers', 'Juniper Mills']);
    expect(names(await get(sam, `coverage/accounts?sort=name&ownerId=me&territoryId=${ids.south}`))).toEqual([
      'Elm Growers',
    ]);
  });
});

describe('bad input', () => {
  it.each([
    'coverage?days=0',
    'coverage?days=731',
    'coverage?days=1e2',
    'coverage?groupBy=stage',
    'coverage?type=shop',
    'coverage?territoryId=north',
    'coverage?colour=blue',
    'coverage/accounts?status=forgotten',
    'coverage/accounts?sort=-name',
    'coverage/accounts?limit=201',
    'coverage/accounts?cursor=not-a-cursor',
  ])('%s is 400 problem+json', async (url) => {
    const response = await t.request({ method: 'GET', url: `/api/v1/reports/${url}`, as: t.admin });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors.length).toBeGreaterThan(0);
  });

  it('refuses a cursor of another sort', async () => {
    const first = await get(t.admin, 'coverage/accounts?status=all&limit=1');
    const response = await t.request({
      method: 'GET',
      url: `/api/v1/reports/coverage/accounts?status=all&limit=1&sort=name&cursor=${first.nextCursor}`,
      as: t.admin,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ path: 'cursor', message: 'made under another sort' }]);
  });

  it('asks for a sign-in', async () => {
    const response = await t.request({ method: 'GET', url: '/api/v1/reports/coverage' });
    expect(response.statusCode).toBe(401);
  });
});

describe('the OpenAPI document', () => {
  it('documents both coverage calls with their answers', async () => {
    const openapi = (await t.request({ method: 'GET', url: '/openapi.json' })).json();
    for (const path of ['coverage', 'coverage/accounts']) {
      expect(openapi.paths[`/api/v1/reports/${path}`]?.get?.responses['200'], path).toBeDefined();
    }
    expect(Object.keys(openapi.components.schemas)).toEqual(
      expect.arrayContaining(['CoverageReport', 'CoverageGroup', 'CoverageAccountPage', 'CoverageAccount']),
    );
  });

  // Last: it gives accounts of the fixture call cycles, which the figures above do not expect.
  it('finds the accounts due for a visit by their call cycle, the longest overdue first', async () => {
    const cycle = async (key: string, visitEveryDays: number | null) => {
      const response = await t.request({
        method: 'PATCH',
        url: `/api/v1/accounts/${ids[key]}`,
        as: t.admin,
        payload: { visitEveryDays },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().visitEveryDays).toBe(visitEveryDays);
    };
    for (const bad of [0, 366, 7.5]) {
      const refused = await t.request({
        method: 'PATCH',
        url: `/api/v1/accounts/${ids.alder}`,
        as: t.admin,
        payload: { visitEveryDays: bad },
      });
      expect(refused.statusCode, String(bad)).toBe(400);
      expect(refused.json().errors[0].path).toBe('visitEveryDays');
    }
    await cycle('alder', 7); // last visit 10 days ago: due 3 days ago
    await cycle('dogwood', 60); // 30 days ago: due in 30 days
    await cycle('elm', 30); // never visited: due now

    const report = await get(t.admin, 'coverage');
    expect(report.totals.dueForVisit).toBe(2);
    expect(report.data.map((row: { label: string; dueForVisit: number }) => [row.label, row.dueForVisit])).toEqual([
      ['North', 1],
      ['South', 1],
      ['No territory', 0],
    ]);
    // Nora sees Alder, not Elm (Sam's, in the South).
    expect((await get(nora, 'coverage')).totals.dueForVisit).toBe(1);

    const due = await get(t.admin, 'coverage/accounts?status=due&sort=visitDueAt');
    expect(names(due)).toEqual(['Elm Growers', 'Alder Farm Supply']);
    expect(due.data[0]).toMatchObject({ visitEveryDays: 30, visitDueAt: null, visitDue: true, lastVisitAt: null });
    expect(due.data[1]).toMatchObject({ visitEveryDays: 7, visitDueAt: iso(-3), visitDue: true });
    const all = await get(t.admin, 'coverage/accounts?status=all&sort=visitDueAt');
    expect(names(all).slice(0, 4)).toEqual(['Elm Growers', 'Alder Farm Supply', 'Dogwood Dealers', 'Birch Co-op']);
    expect(all.data[2]).toMatchObject({ visitDueAt: iso(30), visitDue: false });

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const body = await get(
        t.admin,
        `coverage/accounts?status=all&sort=visitDueAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      paged.push(...names(body));
      cursor = body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(names(all));

    // So does the account list, with its other filters (and so its export).
    const listed = async (as: TestUser, query: string) => {
      const response = await t.request({ method: 'GET', url: `/api/v1/accounts?${query}&limit=200`, as });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().data.map((row: { name: string }) => row.name);
    };
    expect(await listed(t.admin, 'visitDue=true&sort=name')).toEqual(['Alder Farm Supply', 'Elm Growers']);
    expect(await listed(t.admin, 'visitDue=true&type=dealer')).toEqual(['Alder Farm Supply']);
    expect(await listed(nora, 'visitDue=true')).toEqual(['Alder Farm Supply']);
    expect(await listed(t.admin, 'visitDue=false&sort=name')).not.toContain('Elm Growers');
    expect((await listed(t.admin, 'visitDue=false&sort=name')).length).toBe(7);
    // A question says the same, as each asker sees it.
    const asked = async (as: TestUser, question: string) =>
      (await answerQuestion(t, as, question)).data.rows.map((row: { name: string }) => row.name).sort();
    expect(await asked(t.admin, 'which accounts are due for a visit')).toEqual(['Alder Farm Supply', 'Elm Growers']);
    expect(await asked(nora, 'accounts due for a visit')).toEqual(['Alder Farm Supply']);
  });
});
