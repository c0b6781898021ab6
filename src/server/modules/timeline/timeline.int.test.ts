import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

let t: TestApp;
let owner: TestUser;
let outsider: TestUser;
const ids = {} as Record<'account' | 'contact' | 'deal' | 'lead' | 'otherAccount', string>;
/** Every entry created on the account's timeline, by title, with the moment it should stand at. */
const expected: { title: string; kind: string; at: string }[] = [];

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

async function post(url: string, payload: Record<string, unknown>, as: TestUser = owner) {
  const response = await t.request({ method: 'POST', url: `/api/v1${url}`, as, payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

async function timeline(path: string, as: TestUser = owner) {
  return t.request({ method: 'GET', url: `/api/v1${path}`, as });
}

beforeAll(async () => {
  t = await buildTestApp();
  owner = await t.createUser({});
  outsider = await t.createUser({});
  ids.account = (await post('/accounts', { name: 'Timeline Traders', type: 'distributor' })).id;
  ids.otherAccount = (await post('/accounts', { name: 'Elsewhere Inc' })).id;
  ids.contact = (await post('/contacts', { accountId: ids.account, firstName: 'Tia', lastName: 'Line' })).id;
  ids.lead = (await post('/leads', { firstName: 'Lee', lastName: 'Ad', company: 'Lead Co', source: 'website' })).id;

  const deal = await post('/opportunities', {
    name: 'Timeline deal',
    accountId: ids.account,
    contactId: ids.contact,
    amount: 5000,
    closeDate: '2030-01-31',
  });
  ids.deal = deal.id;
  // Away from the deal's own timeline, a stage change names its deal.
  expected.push({ title: 'Timeline deal: created in Prospecting', kind: 'stage_change', at: deal.createdAt });

  const call = await post('/activities', {
    type: 'call',
    subject: 'Intro call',
    status: 'planned',
    scheduledAt: hoursAgo(50),
    contactId: ids.contact,
  });
  expected.push({ title: 'Intro call', kind: 'activity', at: call.scheduledAt });
  const visit = await post('/activities', {
    type: 'visit',
    subject: 'Showroom visit',
    status: 'planned',
    scheduledAt: hoursAgo(40),
    accountId: ids.account,
  });
  expected.push({ title: 'Showroom visit', kind: 'activity', at: visit.scheduledAt });
  const mail = await post('/communications', {
    channel: 'email',
    direction: 'outbound',
    subject: 'Price list',
    body: 'Attached.',
    occurredAt: hoursAgo(30),
    status: 'sent',
    opportunityId: ids.deal,
  });
  expected.push({ title: 'Price list', kind: 'communication', at: mail.occurredAt });
  // A call has no subject: its title says what it was.
  const phoneCall = await post('/communications', {
    channel: 'call',
    direction: 'outbound',
    occurredAt: hoursAgo(25),
    accountId: ids.account,
  });
  expected.push({ title: 'Outbound call', kind: 'communication', at: phoneCall.occurredAt });
  const task = await post('/tasks', { title: 'Send samples', dueAt: hoursAgo(20), accountId: ids.account });
  expected.push({ title: 'Send samples', kind: 'task', at: task.dueAt });
  await post(`/opportunities/${ids.deal}/stage`, { stage: 'qualification', reason: 'Budget confirmed' });
  const history = (await timeline(`/opportunities/${ids.deal}/history`)).json();
  const change = history.data.find((entry: { toStage: string }) => entry.toStage === 'qualification');
  expected.push({ title: 'Timeline deal: Prospecting → Qualification', kind: 'stage_change', at: change.changedAt });
  const note = await post('/notes', { body: '**Pilot** agreed\n\nNext: pricing', accountId: ids.account });
  expected.push({ title: '**Pilot** agreed', kind: 'note', at: note.createdAt });
  const upload = new FormData();
  upload.append('contactId', ids.contact);
  upload.append('file', new Blob(['%PDF-1.4 terms'], { type: 'application/pdf' }), 'Terms.pdf');
  const encoded = new Response(upload);
  const uploaded = await t.request({
    method: 'POST',
    url: '/api/v1/attachments',
    as: owner,
    payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
  });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  expected.push({ title: 'Terms.pdf', kind: 'file', at: uploaded.json().createdAt });

  // Noise that must stay off the account's timeline: another account's and a lead's entries.
  await post('/notes', { body: 'Elsewhere', accountId: ids.otherAccount });
  await post('/activities', { type: 'call', subject: 'Lead call', status: 'planned', leadId: ids.lead });
  expected.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
});
afterAll(async () => {
  await t.close();
});

describe('timelines', () => {
  it("merges the account's activities, communications, notes, tasks, files and stage changes, newest first", async () => {
    const response = await timeline(`/accounts/${ids.account}/timeline`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json();
    expect(page.nextCursor).toBeNull();
    expect(page.data.map((entry: { title: string }) => entry.title)).toEqual(expected.map((entry) => entry.title));
    expect(page.data.map((entry: { occurredAt: string }) => entry.occurredAt)).toEqual(
      expected.map((entry) => entry.at),
    );
    const note = page.data.find((entry: { kind: string }) => entry.kind === 'note');
    expect(note).toMatchObject({
      summary: '**Pilot** agreed\n\nNext: pricing',
      actorId: owner.id,
      accountId: ids.account,
    });
    const stageChange = page.data.find((entry: { title: string }) => entry.title.endsWith('→ Qualification'));
    expect(stageChange).toMatchObject({
      subtype: 'qualification',
      summary: 'Budget confirmed',
      opportunityId: ids.deal,
    });
    const file = page.data.find((entry: { kind: string }) => entry.kind === 'file');
    expect(file).toMatchObject({
      summary: '14 bytes',
      subtype: 'application/pdf',
      actorId: owner.id,
      contactId: ids.contact,
    });
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const response = await timeline(`/accounts/${ids.account}/timeline?limit=2${query}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json();
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((entry: { title: string }) => entry.title));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(seen).toEqual(expected.map((entry) => entry.title));
    expect(pages).toBe(Math.ceil(expected.length / 2));
  });

  it('answers the timeline of a contact, an opportunity and a lead with their own entries', async () => {
    const contact = (await timeline(`/contacts/${ids.contact}/timeline`)).json();
    expect(contact.data.map((entry: { title: string }) => entry.title).sort()).toEqual(
      [
        'Timeline deal: created in Prospecting',
        'Intro call',
        'Timeline deal: Prospecting → Qualification',
        'Terms.pdf',
      ].sort(),
    );
    const deal = (await timeline(`/opportunities/${ids.deal}/timeline`)).json();
    // On the deal's own timeline its name goes without saying.
    expect(deal.data.map((entry: { title: string }) => entry.title)).toEqual([
      'Stage: Prospecting → Qualification',
      'Created in Prospecting',
      'Price list',
    ]);
    const lead = (await timeline(`/leads/${ids.lead}/timeline?kind=activity,note`)).json();
    expect(lead.data.map((entry: { title: string }) => entry.title)).toEqual(['Lead call']);
  });

  it('filters by kind', async () => {
    const page = (await timeline(`/accounts/${ids.account}/timeline?kind=note,task`)).json();
    expect(page.data.map((entry: { kind: string }) => entry.kind)).toEqual(['note', 'task']);
    for (const kind of ['activity', 'communication', 'note', 'task', 'file', 'stage_change']) {
      const single = await timeline(`/accounts/${ids.account}/timeline?kind=${kind}`);
      expect(single.statusCode, single.body).toBe(200);
      const kinds = single.json().data.map((entry: { kind: string }) => entry.kind);
      expect(kinds.length, kind).toBeGreaterThan(0);
      expect(new Set(kinds), kind).toEqual(new Set([kind]));
    }
  });

  it("shows a rep everything on their territory's records, and on a contact only what they may see", async () => {
    const territory = await post('/territories', { name: `Timeline West ${Date.now()}` }, t.admin);
    const rep = await t.createUser({ territoryIds: [territory.id] });
    // Someone else's account in the rep's territory: its whole history is the rep's to see.
    const local = await post('/accounts', { name: 'Local Supply', territoryId: territory.id }, t.admin);
    const localDeal = await post(
      '/opportunities',
      { name: 'Local deal', accountId: local.id, amount: 1000, closeDate: '2030-06-30' },
      t.admin,
    );
    await post('/activities', { type: 'visit', subject: 'Local visit', accountId: local.id }, t.admin);
    await post('/notes', { body: 'Local note', opportunityId: localDeal.id }, t.admin);
    const seen = (await timeline(`/accounts/${local.id}/timeline`, rep)).json();
    expect(seen.data.map((entry: { title: string }) => entry.title).sort()).toEqual(
      ['Local deal: created in Prospecting', 'Local note', 'Local visit'].sort(),
    );
    const dealSeen = (await timeline(`/opportunities/${localDeal.id}/timeline`, rep)).json();
    expect(dealSeen.data.map((entry: { title: string }) => entry.title).sort()).toEqual(
      ['Created in Prospecting', 'Local note'].sort(),
    );

    // The rep's own contact on an account they cannot see: the rep sees the contact and their own
    // activity with it, not the account owner's.
    const far = await post('/accounts', { name: 'Far Away Co' }, owner);
    const contact = await post('/contacts', { accountId: far.id, firstName: 'Rita', lastName: 'Rep' }, owner);
    await t.request({
      method: 'PATCH',
      url: `/api/v1/contacts/${contact.id}`,
      as: t.admin,
      payload: { ownerId: rep.id },
    });
    await post('/activities', { type: 'call', subject: "Owner's call", contactId: contact.id }, owner);
    await post('/activities', { type: 'call', subject: "Rep's call", contactId: contact.id }, rep);
    const contactPage = await timeline(`/contacts/${contact.id}/timeline`, rep);
    expect(contactPage.statusCode, contactPage.body).toBe(200);
    expect(contactPage.json().data.map((entry: { title: string }) => entry.title)).toEqual(["Rep's call"]);
  });

  it('is 404 for a record the caller may not see and 400 for a bad cursor or kind', async () => {
    expect((await timeline(`/accounts/${ids.account}/timeline`, outsider)).statusCode).toBe(404);
    expect((await timeline(`/opportunities/${ids.deal}/timeline`, outsider)).statusCode).toBe(404);
    expect((await timeline(`/accounts/${ids.account}/timeline?cursor=nonsense`)).statusCode).toBe(400);
    expect((await timeline(`/accounts/${ids.account}/timeline?kind=email`)).statusCode).toBe(400);
    const listCursor = (await t.request({ method: 'GET', url: '/api/v1/accounts?limit=1', as: owner })).json()
      .nextCursor;
    expect((await timeline(`/accounts/${ids.account}/timeline?cursor=${listCursor}`)).statusCode).toBe(400);
    const admin = await timeline(`/accounts/${ids.account}/timeline`, t.admin);
    expect(admin.json().data).toHaveLength(expected.length);
  });
});
