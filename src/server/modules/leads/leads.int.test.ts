import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const MISSING_ID = '01890000-0000-7000-8000-000000000000';

let sequence = 0;
async function createLead(payload: Record<string, unknown> = {}, as: TestUser = t.admin) {
  sequence += 1;
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/leads',
    as,
    payload: { firstName: 'Lena', lastName: `Lead${sequence}`, source: 'website', ...payload },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}
const get = (url: string, as: TestUser = t.admin) => t.request({ method: 'GET', url, as });
const patch = (id: string, payload: Record<string, unknown>, options: { as?: TestUser; ifMatch?: string } = {}) =>
  t.request({
    method: 'PATCH',
    url: `/api/v1/leads/${id}`,
    as: options.as ?? t.admin,
    payload,
    ...(options.ifMatch ? { headers: { 'if-match': options.ifMatch } } : {}),
  });
const disqualify = (id: string, payload: Record<string, unknown>, as: TestUser = t.admin) =>
  t.request({ method: 'POST', url: `/api/v1/leads/${id}/disqualify`, as, payload });
const reopen = (id: string, options: { as?: TestUser; ifMatch?: string } = {}) =>
  t.request({
    method: 'POST',
    url: `/api/v1/leads/${id}/reopen`,
    as: options.as ?? t.admin,
    ...(options.ifMatch ? { headers: { 'if-match': options.ifMatch } } : {}),
  });
const territory = async (name: string, region: string | null) => {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/territories',
    as: t.admin,
    payload: { name, region },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
};
const total = async () => (await get('/api/v1/leads?includeTotal=true&limit=1')).json().total as number;

describe('leads', () => {
  it('stores every field of the contract, normalises e-mail and phone, and answers it back', async () => {
    const lead = await createLead({
      firstName: 'Jon',
      lastName: 'Smith',
      company: 'Acme Tractors Ltd',
      title: 'Head of Fleet',
      email: 'Jon.Smith@AcmeTractors.example',
      phone: '+44 (20) 7946-0958',
      source: 'trade_show',
      stage: 'qualified',
      bant: { budget: true, need: true },
      budgetAmount: 120_000.5,
      decisionDate: '2026-09-30',
      needDescription: 'Replace 12 tractors before the harvest.',
      employees: 450,
      country: 'GB',
      region: 'Yorkshire',
    });
    expect(lead).toMatchObject({
      firstName: 'Jon',
      lastName: 'Smith',
      company: 'Acme Tractors Ltd',
      email: 'jon.smith@acmetractors.example',
      phone: '+442079460958',
      source: 'trade_show',
      stage: 'qualified',
      status: 'open',
      bant: { budget: true, authority: false, need: true, timeline: false },
      budgetAmount: 120_000.5,
      decisionDate: '2026-09-30',
      employees: 450,
      country: 'GB',
      region: 'Yorkshire',
      ownerId: t.admin.id,
      territoryId: null,
      convertedAt: null,
      convertedAccountId: null,
      convertedContactId: null,
      convertedOpportunityId: null,
      disqualifiedAt: null,
      disqualifiedReason: null,
      version: 1,
    });
    const fetched = await get(`/api/v1/leads/${lead.id}`);
    expect(fetched.headers.etag).toBe('"1"');
    expect(fetched.json()).toEqual(lead);
    const defaults = await createLead();
    expect(defaults).toMatchObject({
      stage: 'inquiry',
      status: 'open',
      bant: { budget: false, authority: false, need: false, timeline: false },
      company: null,
      email: null,
    });
  });

  it('keeps the version when an edit changes nothing', async () => {
    const lead = await createLead({ company: 'Steady Leads Co', bant: { budget: true, need: true } });
    for (const payload of [{}, { company: 'Steady Leads Co' }, { bant: { budget: true } }]) {
      const same = await patch(lead.id, payload);
      expect(same.statusCode, same.body).toBe(200);
      expect(same.json(), JSON.stringify(payload)).toEqual(lead);
      expect(same.headers.etag).toBe('"1"');
    }
    expect((await patch(lead.id, { company: 'Moving Leads Co' })).json().version).toBe(2);
  });

  it('rejects bad input with problem+json and changes nothing', async () => {
    const lead = await createLead();
    const before = await total();
    const bad = [
      {},
      { firstName: '', lastName: 'X', source: 'website' },
      { firstName: 'X', lastName: 'Y' },
      { firstName: 'X', lastName: 'Y', source: 'fax' },
      { firstName: 'X', lastName: 'Y', source: 'website', stage: 'won' },
      { firstName: 'X', lastName: 'Y', source: 'website', status: 'converted' },
      { firstName: 'X', lastName: 'Y', source: 'website', score: 99 },
      { firstName: 'X', lastName: 'Y', source: 'website', email: 'nope' },
      { firstName: 'X', lastName: 'Y', source: 'website', phone: 'call me' },
      { firstName: 'X', lastName: 'Y', source: 'website', phone: '12' },
      { firstName: 'X', lastName: 'Y', source: 'website', budgetAmount: -1 },
      { firstName: 'X', lastName: 'Y', source: 'website', decisionDate: '2026-13-01' },
      { firstName: 'X', lastName: 'Y', source: 'website', employees: -3 },
      { firstName: 'X', lastName: 'Y', source: 'website', bant: { budget: 'yes' } },
      { firstName: 'X', lastName: 'Y', source: 'website', bant: { money: true } },
      { firstName: 'X', lastName: 'Y', source: 'website', ownerId: MISSING_ID },
      { firstName: 'X', lastName: 'Y', source: 'website', territoryId: MISSING_ID },
    ];
    for (const payload of bad) {
      const response = await t.request({ method: 'POST', url: '/api/v1/leads', as: t.admin, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    for (const payload of [{ status: 'converted' }, { score: 100 }, { scoreReasons: [] }, { email: 'nope' }]) {
      const response = await patch(lead.id, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(await total()).toBe(before);
    expect((await get(`/api/v1/leads/${lead.id}`)).json()).toEqual(lead);
  });

  it('scores a lead with reasons a rep can read, and scores it again on every change', async () => {
    const lead = await createLead({
      source: 'referral',
      bant: { budget: true, authority: true },
      budgetAmount: 50_000,
      employees: 200,
    });
    expect(lead.score).toBe(55);
    expect(lead.scoreReasons).toEqual([
      { rule: 'bant_budget', points: 15, detail: 'Budget confirmed (50,000)' },
      { rule: 'bant_authority', points: 15, detail: 'Talking to the decision maker' },
      { rule: 'company_size', points: 10, detail: '200 employees' },
      { rule: 'source', points: 10, detail: 'Referral source' },
      { rule: 'new_lead', points: 5, detail: 'New lead (created today)' },
    ]);

    const needed = await patch(lead.id, { bant: { need: true }, employees: 1500 });
    expect(needed.statusCode, needed.body).toBe(200);
    // BANT is merged: budget and authority stay confirmed.
    expect(needed.json()).toMatchObject({
      bant: { budget: true, authority: true, need: true, timeline: false },
      score: 75,
      version: 2,
    });
    expect(needed.json().scoreReasons).toContainEqual({ rule: 'company_size', points: 15, detail: '1,500 employees' });

    const cooled = await patch(lead.id, { source: 'cold_call', bant: { budget: false }, employees: null });
    expect(cooled.json().score).toBe(15 + 15 + 2 + 5);
    expect(cooled.json().scoreReasons.map((reason: { rule: string }) => reason.rule)).toEqual([
      'bant_authority',
      'bant_need',
      'source',
      'new_lead',
    ]);
  });

  it('assigns the territory of the region, else of the country, unless one is given', async () => {
    const bavaria = await territory('Leads Bavaria', 'Bavaria');
    const germany = await territory('Leads Germany', 'DE');
    const chosen = await territory('Leads Key Accounts', null);

    expect((await createLead({ region: 'bavaria', country: 'DE' })).territoryId).toBe(bavaria);
    expect((await createLead({ region: 'Saxony', country: 'de' })).territoryId).toBe(germany);
    expect((await createLead({ country: 'FR' })).territoryId).toBeNull();
    expect((await createLead({ region: 'Bavaria', territoryId: null })).territoryId).toBeNull();
    expect((await createLead({ region: 'Bavaria', territoryId: chosen })).territoryId).toBe(chosen);

    // An automatically assigned territory follows the lead when it moves…
    const moving = await createLead({ region: 'Bavaria', country: 'DE' });
    const moved = await patch(moving.id, { region: 'Saxony' });
    expect(moved.json().territoryId).toBe(germany);
    expect((await patch(moving.id, { region: null, country: 'FR' })).json().territoryId).toBeNull();
    expect((await patch(moving.id, { region: 'Bavaria' })).json().territoryId).toBe(bavaria);
    // …but one chosen by hand stays, and an explicit territory always wins.
    const pinned = await createLead({ region: 'Bavaria', territoryId: chosen });
    expect((await patch(pinned.id, { region: 'Saxony', country: 'DE' })).json().territoryId).toBe(chosen);
    expect((await patch(pinned.id, { region: 'Bavaria', territoryId: germany })).json().territoryId).toBe(germany);
    expect((await patch(pinned.id, { territoryId: MISSING_ID })).statusCode).toBe(400);
  });

  it('routes a lead by the state its accounts are in, and leaves a region two territories share to a person', async () => {
    const lakes = await territory('Leads Great Lakes', 'Midwest');
    const plains = await territory('Leads Northern Plains', 'Midwest');
    const account = async (name: string, territoryId: string, state: string) => {
      const response = await t.request({
        method: 'POST',
        url: '/api/v1/accounts',
        as: t.admin,
        payload: { name, territoryId, address: { state, country: 'US' } },
      });
      expect(response.statusCode, response.body).toBe(201);
    };
    await account('Badger Farm Supply', lakes, 'WI');
    await account('Cheese Country Implement', lakes, 'wi');
    await account('Dakota Ag', plains, 'WI');
    await account('Prairie Tractor', plains, 'ND');
    expect((await createLead({ region: 'Midwest', country: 'US' })).territoryId).toBeNull();
    expect((await createLead({ region: 'WI', country: 'US' })).territoryId).toBe(lakes);
    expect((await createLead({ region: 'nd' })).territoryId).toBe(plains);
    // In another country the state's accounts say nothing.
    expect((await createLead({ region: 'WI', country: 'CA' })).territoryId).toBeNull();
    // A tie leaves it to a person too.
    await account('Northwoods Equipment', plains, 'WI');
    expect((await createLead({ region: 'WI', country: 'US' })).territoryId).toBeNull();
  });

  it('filters, searches and pages by score without gaps or repeats', async () => {
    const marker = `Filterco${Date.now()}`;
    const made = [
      await createLead({ company: `${marker} Alpha`, source: 'referral', stage: 'qualified', country: 'DE' }),
      await createLead({ company: `${marker} Beta`, source: 'cold_call', stage: 'inquiry', country: 'FR' }),
      await createLead({
        company: `${marker} Gamma`,
        source: 'website',
        stage: 'proposal',
        bant: { budget: true, authority: true, need: true },
        country: 'de',
      }),
      await createLead({ company: `${marker} Delta`, source: 'trade_show', stage: 'negotiation', employees: 5000 }),
      await createLead({ company: `${marker} Epsilon`, source: 'social_media', stage: 'inquiry', employees: 50 }),
    ];
    const byScore = [...made].sort((a, b) => b.score - a.score || (b.id < a.id ? -1 : 1));
    const companies = async (query: string) =>
      (await get(`/api/v1/leads?q=${marker}&${query}`)).json().data.map((lead: { company: string }) => lead.company);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { id: string }[]; nextCursor: string | null } = (
        await get(`/api/v1/leads?q=${marker}&sort=-score&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.data.map((lead) => lead.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(byScore.map((lead) => lead.id));

    const ascending = (await get(`/api/v1/leads?q=${marker}&sort=score`)).json().data.map((l: { id: string }) => l.id);
    expect(ascending).toEqual([...seen].reverse());
    expect(await companies('sort=lastName')).toHaveLength(5);
    expect(await companies('stage=inquiry,proposal&sort=score')).toEqual([
      `${marker} Beta`,
      `${marker} Epsilon`,
      `${marker} Gamma`,
    ]);
    expect(await companies('source=referral')).toEqual([`${marker} Alpha`]);
    expect(await companies('country=DE&sort=score')).toEqual([`${marker} Alpha`, `${marker} Gamma`]);
    // Scores: Gamma 56 (three BANT), Delta 28 (trade show, 5000 staff), Alpha 15, Epsilon 14, Beta 7.
    expect(await companies('scoreMin=20&scoreMax=30')).toEqual([`${marker} Delta`]);
    expect(await companies('scoreMin=28&sort=-score')).toEqual([`${marker} Gamma`, `${marker} Delta`]);
    expect(await companies(`status=open&ownerId=${t.admin.id}`)).toHaveLength(5);
    expect(await companies('status=disqualified')).toEqual([]);
    // Default order is newest first.
    expect(await companies('')).toEqual(made.map((lead) => lead.company).reverse());
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(await companies(`createdAtFrom=${encodeURIComponent(future)}`)).toEqual([]);
    expect(await companies(`createdAtTo=${encodeURIComponent(future)}`)).toHaveLength(5);

    const cursorOfScore = (await get(`/api/v1/leads?q=${marker}&sort=-score&limit=1`)).json().nextCursor;
    expect((await get(`/api/v1/leads?sort=createdAt&cursor=${cursorOfScore}`)).statusCode).toBe(400);
    expect((await get('/api/v1/leads?sort=company')).statusCode).toBe(400);
    expect((await get('/api/v1/leads?status=won')).statusCode).toBe(400);
  });

  it('finds leads by name prefix, company, e-mail and despite a typo', async () => {
    const lead = await createLead({
      firstName: 'Grace',
      lastName: 'Hopperton',
      company: 'Navalware Systems',
      email: 'grace@navalware.example',
    });
    await createLead({ firstName: 'Alan', lastName: 'Turingham', company: 'Bletchley Works' });
    const ids = async (q: string) =>
      (await get(`/api/v1/leads?q=${encodeURIComponent(q)}`)).json().data.map((found: { id: string }) => found.id);
    for (const q of [
      'grace hop',
      'Hopperton',
      'navalware',
      'Navalwear Systems',
      'Navalware Systms',
      'grace@navalware.example',
      'Grace Hoperton',
    ]) {
      expect(await ids(q), q).toContain(lead.id);
    }
    expect(await ids('bletchley')).not.toContain(lead.id);
  });

  it('answers 412 to a stale If-Match and replays an Idempotency-Key', async () => {
    const lead = await createLead();
    expect((await patch(lead.id, { title: 'Buyer' }, { ifMatch: '"1"' })).statusCode).toBe(200);
    const stale = await patch(lead.id, { title: 'Chief Buyer' }, { ifMatch: '"1"' });
    expect(stale.statusCode).toBe(412);
    expect((await get(`/api/v1/leads/${lead.id}`)).json()).toMatchObject({ title: 'Buyer', version: 2 });

    const before = await total();
    const post = () =>
      t.request({
        method: 'POST',
        url: '/api/v1/leads',
        as: t.admin,
        headers: { 'idempotency-key': `lead-${lead.id}` },
        payload: { firstName: 'Once', lastName: 'Only', source: 'referral' },
      });
    const first = await post();
    const retry = await post();
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(await total()).toBe(before + 1);
  });

  it('disqualifies an open lead with a reason, after which it cannot be edited', async () => {
    const lead = await createLead();
    for (const payload of [{}, { reason: '' }, { reason: 'x'.repeat(501) }, { reason: 'ok', extra: 1 }]) {
      expect((await disqualify(lead.id, payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await disqualify(MISSING_ID, { reason: 'Gone' })).statusCode).toBe(404);
    const done = await disqualify(lead.id, { reason: '  No budget this year  ' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.headers.etag).toBe('"2"');
    expect(done.json()).toMatchObject({
      status: 'disqualified',
      disqualifiedReason: 'No budget this year',
      version: 2,
    });
    expect(Date.parse(done.json().disqualifiedAt)).toBeGreaterThan(Date.now() - 60_000);

    expect((await disqualify(lead.id, { reason: 'Again' })).statusCode).toBe(409);
    const edit = await patch(lead.id, { title: 'Too late' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ status: 409, leadStatus: 'disqualified' });
    expect((await get(`/api/v1/leads?status=disqualified`)).json().data.map((l: { id: string }) => l.id)).toContain(
      lead.id,
    );

    const audit = (await get(`/api/v1/audit?entity=leads&entityId=${lead.id}&action=disqualify`)).json().data;
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ status: 'disqualified', disqualifiedReason: 'No budget this year' });
  });

  it('reopens a disqualified lead, scored again, and nothing else', async () => {
    const lead = await createLead({ bant: { budget: true, authority: false, need: false, timeline: false } });
    expect((await reopen(lead.id)).statusCode).toBe(409);
    expect((await disqualify(lead.id, { reason: 'No budget this year' })).statusCode).toBe(200);
    expect((await reopen(lead.id, { ifMatch: '"1"' })).statusCode).toBe(412);
    expect((await reopen(MISSING_ID)).statusCode).toBe(404);

    const reopened = await reopen(lead.id, { ifMatch: '"2"' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.headers.etag).toBe('"3"');
    expect(reopened.json()).toMatchObject({
      status: 'open',
      disqualifiedAt: null,
      disqualifiedReason: null,
      score: lead.score,
      version: 3,
    });
    expect((await reopen(lead.id)).statusCode).toBe(409);
    expect((await patch(lead.id, { title: 'Back in play' })).statusCode).toBe(200);
    const open = (await get('/api/v1/leads?status=open&limit=200')).json().data.map((l: { id: string }) => l.id);
    expect(open).toContain(lead.id);

    const audit = (await get(`/api/v1/audit?entity=leads&entityId=${lead.id}&action=reopen`)).json().data;
    expect(audit).toHaveLength(1);
    expect(audit[0].before).toMatchObject({ status: 'disqualified', disqualifiedReason: 'No budget this year' });
    expect(audit[0].after).toMatchObject({ status: 'open', disqualifiedReason: null });

    const converted = await createLead({ company: 'Reopen Converted Co' });
    const conversion = await t.request({
      method: 'POST',
      url: `/api/v1/leads/${converted.id}/convert`,
      as: t.admin,
      payload: { opportunity: null },
    });
    expect(conversion.statusCode, conversion.body).toBe(200);
    const refused = await reopen(converted.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ status: 409, leadStatus: 'converted' });
  });

  it('soft-deletes and restores a lead', async () => {
    const lead = await createLead();
    expect((await t.request({ method: 'DELETE', url: `/api/v1/leads/${lead.id}`, as: t.admin })).statusCode).toBe(204);
    expect((await get(`/api/v1/leads/${lead.id}`)).statusCode).toBe(404);
    expect((await patch(lead.id, { title: 'Ghost' })).statusCode).toBe(404);
    const restored = await t.request({ method: 'POST', url: `/api/v1/leads/${lead.id}/restore`, as: t.admin });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ id: lead.id, version: 3 });
  });
});

describe('lead visibility', () => {
  let manager: TestUser;
  let northRep: TestUser;
  let southRep: TestUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const north = await territory('Lead North', null);
    const south = await territory('Lead South', null);
    manager = await t.createUser({ role: 'manager' });
    await t.request({
      method: 'PATCH',
      url: `/api/v1/territories/${north}`,
      as: t.admin,
      payload: { managerId: manager.id },
    });
    northRep = await t.createUser({ managerId: manager.id, territoryIds: [north] });
    southRep = await t.createUser({ territoryIds: [south] });
    const lead = async (as: TestUser, lastName: string, territoryId: string | null, ownerId = as.id) =>
      (await createLead({ firstName: 'Vismatrix', lastName, territoryId, ownerId }, as)).id as string;
    ids.northOwn = await lead(northRep, 'Northown', north);
    ids.southOwn = await lead(southRep, 'Southown', south);
    ids.southByNorthRep = await lead(northRep, 'Southbynorth', south);
    ids.adminNorth = await lead(t.admin, 'Adminnorth', north);
    ids.adminOnly = await lead(t.admin, 'Adminonly', null);
  });

  async function visibleKeys(as: TestUser) {
    const response = await get('/api/v1/leads?q=vismatrix&includeTotal=true&limit=200', as);
    expect(response.statusCode).toBe(200);
    const found: string[] = response.json().data.map((lead: { id: string }) => lead.id);
    expect(response.json().total).toBe(found.length);
    return Object.entries(ids)
      .filter(([, id]) => found.includes(id))
      .map(([key]) => key)
      .sort();
  }

  it('shows admins everything, managers their territories and team, reps their own and their territory', async () => {
    expect(await visibleKeys(t.admin)).toEqual(['adminNorth', 'adminOnly', 'northOwn', 'southByNorthRep', 'southOwn']);
    expect(await visibleKeys(manager)).toEqual(['adminNorth', 'northOwn', 'southByNorthRep']);
    expect(await visibleKeys(northRep)).toEqual(['adminNorth', 'northOwn', 'southByNorthRep']);
    expect(await visibleKeys(southRep)).toEqual(['southByNorthRep', 'southOwn']);
    for (const [user, hidden] of [
      [southRep, ids.northOwn],
      [northRep, ids.southOwn],
      [manager, ids.adminOnly],
    ] as const) {
      expect((await get(`/api/v1/leads/${hidden}`, user)).statusCode).toBe(404);
      expect((await patch(hidden as string, { title: 'X' }, { as: user })).statusCode).toBe(404);
      expect((await disqualify(hidden as string, { reason: 'X' }, user)).statusCode).toBe(404);
    }
  });

  it('lets owners, their managers and admins change a lead; others who see it get 403', async () => {
    expect((await patch(ids.southByNorthRep as string, { title: 'South view' }, { as: southRep })).statusCode).toBe(
      403,
    );
    expect((await disqualify(ids.southByNorthRep as string, { reason: 'Not mine' }, southRep)).statusCode).toBe(403);
    expect((await reopen(ids.southByNorthRep as string, { as: southRep })).statusCode).toBe(403);
    expect((await patch(ids.adminNorth as string, { title: 'Rep edit' }, { as: northRep })).statusCode).toBe(403);
    expect((await patch(ids.northOwn as string, { title: 'Own edit' }, { as: northRep })).statusCode).toBe(200);
    expect((await patch(ids.northOwn as string, { title: 'Manager edit' }, { as: manager })).statusCode).toBe(200);
    expect((await patch(ids.southOwn as string, { title: 'Admin edit' })).statusCode).toBe(200);
  });
});
