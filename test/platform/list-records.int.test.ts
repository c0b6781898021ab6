import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../helpers/app.js';

/**
 * A record with every field filled reads the same in a list page as alone: the list's column selection,
 * the keyset and the page serialiser must not drop, round or reshape any field of the contract.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

async function send(method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) {
  const response = await t.request({ method, url, as: t.admin, payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

/** The record as GET /{collection}/{id} answers it, and as the list filtered to it answers it. */
async function readBothWays(collection: string, id: string, listQuery: string) {
  const single = await t.request({ method: 'GET', url: `/api/v1/${collection}/${id}`, as: t.admin });
  expect(single.statusCode, single.body).toBe(200);
  const list = await t.request({ method: 'GET', url: `/api/v1/${collection}?${listQuery}&limit=200`, as: t.admin });
  expect(list.statusCode, list.body).toBe(200);
  expect(list.headers['content-type']).toMatch(/^application\/json/);
  const listed = (list.json().data as Record<string, unknown>[]).find((record) => record.id === id);
  return { single: single.json(), listed };
}

describe('a listed record equals the record read alone', () => {
  let territoryId: string;
  let accountId: string;
  let contactId: string;

  it('accounts', async () => {
    territoryId = (await send('POST', '/api/v1/territories', { name: 'Records North' })).id;
    const parent = await send('POST', '/api/v1/accounts', { name: 'Records Parent Distribution', type: 'distributor' });
    const account = await send('POST', '/api/v1/accounts', {
      name: 'Records Dealer GmbH',
      type: 'dealer',
      parentId: parent.id,
      territoryId,
      industry: 'Agriculture',
      website: 'https://records-dealer.example',
      email: 'info@records-dealer.example',
      phone: '+49 30 1234567',
      annualRevenue: 1_234_567.89,
      employees: 42,
      address: { street: 'Hauptstraße 5', city: 'Köln', state: 'NRW', postalCode: '50667', country: 'DE' },
      location: { lat: 50.938361, lng: 6.959974 },
      description: 'Quotes "tractors" & mowers\nline two',
    });
    accountId = account.id;
    const { single, listed } = await readBothWays('accounts', account.id, `territoryId=${territoryId}`);
    expect(listed).toEqual(single);
    expect(listed).toMatchObject({ annualRevenue: 1_234_567.89, location: { lat: 50.938361, lng: 6.959974 } });
  });

  it('contacts', async () => {
    const manager = await send('POST', '/api/v1/contacts', { accountId, firstName: 'Greta', lastName: 'Boss' });
    const contact = await send('POST', '/api/v1/contacts', {
      accountId,
      firstName: 'Jörg',
      lastName: 'Müller',
      title: 'Buyer',
      role: 'decision_maker',
      reportsToId: manager.id,
      email: 'joerg@records-dealer.example',
      phone: '+49 30 7654321',
      mobile: '+49 170 1234567',
      isPrimary: true,
    });
    contactId = contact.id;
    const { single, listed } = await readBothWays('contacts', contact.id, `accountId=${accountId}`);
    expect(listed).toEqual(single);
  });

  it('leads', async () => {
    const lead = await send('POST', '/api/v1/leads', {
      firstName: 'Lena',
      lastName: 'Lead',
      company: 'Records Prospect Ltd',
      title: 'Owner',
      email: 'lena@records-prospect.example',
      phone: '+44 20 7946 0000',
      source: 'trade_show',
      bant: { budget: true, authority: true, need: false, timeline: true },
      budgetAmount: 25_000.5,
      decisionDate: '2027-03-31',
      needDescription: 'Two compact tractors',
      employees: 120,
      country: 'GB',
      region: 'London',
    });
    const { single, listed } = await readBothWays('leads', lead.id, `ownerId=${t.admin.id}`);
    expect(listed).toEqual(single);
    expect(((listed?.scoreReasons ?? []) as unknown[]).length).toBeGreaterThan(0);
  });

  it('opportunities, with the weighted amount rounded as a single deal rounds it', async () => {
    const deal = await send('POST', '/api/v1/opportunities', {
      name: 'Records fleet deal',
      accountId,
      contactId,
      stage: 'proposal',
      probability: 33,
      amount: 12_345.67,
      currency: 'EUR',
      closeDate: '2027-01-15',
      requirements: 'Delivery before spring',
      productInterest: ['tractors', 'mowers'],
      competitors: ['Orion Outdoor'],
      risks: 'Budget freeze',
    });
    const lost = await send('POST', '/api/v1/opportunities', {
      name: 'Records lost deal',
      accountId,
      amount: 999.99,
      closeDate: '2027-01-20',
    });
    await send('PATCH', `/api/v1/opportunities/${lost.id}`, { stage: 'closed_lost', lossReason: 'price' });
    for (const id of [deal.id, lost.id]) {
      const { single, listed } = await readBothWays('opportunities', id, `accountId=${accountId}`);
      expect(listed).toEqual(single);
    }
    // By currency, as the dashboard's figures are: the euro deal alone, or both with the default one.
    const inEuros = await t.request({
      method: 'GET',
      url: `/api/v1/opportunities?accountId=${accountId}&currency=EUR`,
      as: t.admin,
    });
    expect(inEuros.json().data.map((row: { id: string }) => row.id)).toEqual([deal.id]);
    const both = await t.request({
      method: 'GET',
      url: `/api/v1/opportunities?accountId=${accountId}&currency=EUR,USD&includeTotal=true`,
      as: t.admin,
    });
    expect(both.json().total).toBe(2);
    const bad = await t.request({ method: 'GET', url: '/api/v1/opportunities?currency=euro', as: t.admin });
    expect(bad.statusCode).toBe(400);
  });

  it('activities, with a visit check-in', async () => {
    const visit = await send('POST', '/api/v1/activities', {
      type: 'visit',
      subject: 'Records visit',
      description: 'Walk the yard',
      scheduledAt: '2026-11-20T09:30:00.000Z',
      durationMinutes: 45,
      accountId,
      contactId,
      location: { lat: 50.9384, lng: 6.96, address: 'Hauptstraße 5, Köln' },
    });
    await send('POST', `/api/v1/activities/${visit.id}/check-in`, { lat: 50.94, lng: 6.961, accuracy: 12.5 });
    const { single, listed } = await readBothWays('activities', visit.id, `accountId=${accountId}`);
    expect(listed).toEqual(single);
    expect(listed).toMatchObject({ checkIn: { lat: 50.94, lng: 6.961, accuracy: 12.5 } });
  });

  it('tasks, overdue and not', async () => {
    const overdue = await send('POST', '/api/v1/tasks', {
      title: 'Records overdue call',
      type: 'follow_up',
      priority: 'high',
      dueAt: '2026-01-05T08:00:00.000Z',
      reminderAt: '2026-01-05T07:00:00.000Z',
      accountId,
      contactId,
    });
    const later = await send('POST', '/api/v1/tasks', {
      title: 'Records later',
      dueAt: '2099-01-01T00:00:00.000Z',
      accountId,
    });
    for (const task of [overdue, later]) {
      const { single, listed } = await readBothWays('tasks', task.id, `accountId=${accountId}`);
      expect(listed).toEqual(single);
    }
    expect((await readBothWays('tasks', overdue.id, `accountId=${accountId}`)).listed).toMatchObject({ overdue: true });
  });

  it('users', async () => {
    const user = await send('POST', '/api/v1/users', {
      email: 'records.rep@example.com',
      name: 'Records Rep',
      role: 'rep',
      password: 'a long enough password',
      territoryIds: [territoryId],
      managerId: t.admin.id,
    });
    const { single, listed } = await readBothWays('users', user.id, 'role=rep');
    expect(listed).toEqual(single);
  });
});

describe('records by id', () => {
  it('answers several contacts, leads and deals by id in one call, only those the caller may see', async () => {
    const rep = await t.createUser({ role: 'rep' });
    const account = await send('POST', '/api/v1/accounts', { name: 'Byid Supply' });
    const payloads: Record<string, (ownerId?: string) => Record<string, unknown>> = {
      contacts: (ownerId) => ({ accountId: account.id, firstName: 'By', lastName: 'Id', ...(ownerId && { ownerId }) }),
      leads: (ownerId) => ({ firstName: 'By', lastName: 'Id', source: 'website', ...(ownerId && { ownerId }) }),
      opportunities: (ownerId) => ({
        name: 'Byid deal',
        accountId: account.id,
        amount: 1000,
        closeDate: '2027-02-01',
        ...(ownerId && { ownerId }),
      }),
    };
    for (const [collection, payload] of Object.entries(payloads)) {
      const mine = await send('POST', `/api/v1/${collection}`, payload(rep.id));
      const other = await send('POST', `/api/v1/${collection}`, payload());
      const url = `/api/v1/${collection}?id=${mine.id},${other.id}`;
      const ids = async (as: TestUser) =>
        ((await t.request({ method: 'GET', url, as })).json().data as { id: string }[]).map((row) => row.id).sort();
      expect(await ids(t.admin), collection).toEqual([mine.id, other.id].sort());
      expect(await ids(rep), collection).toEqual([mine.id]);
    }
  });
});

describe('range filters of the lists', () => {
  const list = async (collection: string, query: string) => {
    const response = await t.request({ method: 'GET', url: `/api/v1/${collection}?${query}&limit=200`, as: t.admin });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data as { id: string; updatedAt: string }[];
  };

  it('updatedAtFrom/To on every record list: what changed since a sync', async () => {
    const account = await send('POST', '/api/v1/accounts', { name: 'Sync Yard' });
    const payloads: Record<string, Record<string, unknown>> = {
      users: { email: 'sync.rep@example.com', name: 'Sync Rep', role: 'rep', password: 'a long enough password' },
      territories: { name: 'Sync Territory' },
      contacts: { accountId: account.id, firstName: 'Sy', lastName: 'Nc' },
      leads: { firstName: 'Sy', lastName: 'Nc', source: 'website' },
      opportunities: { name: 'Sync deal', accountId: account.id, amount: 150_000, closeDate: '2027-02-01' },
      activities: { type: 'call', subject: 'Sync call', accountId: account.id },
      tasks: { title: 'Sync task', accountId: account.id },
      communications: { channel: 'call', direction: 'inbound', durationSeconds: 754, accountId: account.id },
      notes: { body: 'Sync note', accountId: account.id },
    };
    const records: Record<string, { id: string; updatedAt: string }> = { accounts: account };
    for (const [collection, payload] of Object.entries(payloads))
      records[collection] = await send('POST', `/api/v1/${collection}`, payload);
    const dealId = records.opportunities?.id;
    records.approvals = await send('POST', `/api/v1/opportunities/${dealId}/approval-request`, {});
    for (const [collection, record] of Object.entries(records)) {
      const since = await list(collection, `updatedAtFrom=${record.updatedAt}`);
      expect(
        since.map((row) => row.id),
        collection,
      ).toContain(record.id);
      expect(
        since.every((row) => row.updatedAt >= record.updatedAt),
        collection,
      ).toBe(true);
      const before = new Date(Date.parse(record.updatedAt) - 1).toISOString();
      expect(
        (await list(collection, `updatedAtTo=${before}`)).map((row) => row.id),
        collection,
      ).not.toContain(record.id);
    }
    // The record lists also sort by updatedAt, so a sync walks the changes in order.
    for (const collection of ['accounts', 'contacts', 'leads', 'opportunities', 'activities', 'tasks', 'notes']) {
      const changed = (await list(collection, 'sort=-updatedAt')).map((row) => row.updatedAt);
      expect(changed, collection).toEqual([...changed].sort().reverse());
    }
  });

  it('the number and date ranges a sales team filters on', async () => {
    const ids = async (collection: string, query: string) => (await list(collection, query)).map((row) => row.id);
    const [deal] = await list('opportunities', 'q=Records fleet');
    expect(await ids('opportunities', 'probabilityMin=33&probabilityMax=33')).toEqual([deal?.id]);
    const [dealer] = await list('accounts', 'q=Records Dealer');
    expect(await ids('accounts', 'employeesMin=42&employeesMax=42')).toEqual([dealer?.id]);
    const [lead] = await list('leads', 'q=Lena');
    expect(await ids('leads', 'budgetAmountMin=25000.5&decisionDateFrom=2027-03-31&decisionDateTo=2027-03-31')).toEqual(
      [lead?.id],
    );
    expect(await ids('leads', 'budgetAmountMax=25000.49')).not.toContain(lead?.id);
    expect(await ids('leads', `employeesMin=120&employeesMax=120&q=Lena`)).toEqual([lead?.id]);
    const [visit] = await list('activities', 'q=Records visit');
    expect(await ids('activities', 'durationMinutesMin=45&durationMinutesMax=45')).toEqual([visit?.id]);
    const [call] = await list('communications', 'durationSecondsMin=754&durationSecondsMax=754');
    expect(call).toMatchObject({ durationSeconds: 754 });
    const converted = await send('POST', '/api/v1/leads', { firstName: 'Con', lastName: 'Verted', source: 'referral' });
    const conversion = await send('POST', `/api/v1/leads/${converted.id}/convert`, {});
    expect(await ids('leads', `convertedAtFrom=${conversion.lead.convertedAt}`)).toEqual([converted.id]);

    const task = await send('POST', '/api/v1/tasks', { title: 'Range task' });
    const done = await send('POST', `/api/v1/tasks/${task.id}/complete`, {});
    expect(await ids('tasks', `completedAtFrom=${done.completedAt}&createdAtFrom=${task.createdAt}`)).toEqual([
      task.id,
    ]);
    const earlier = new Date(Date.parse(task.createdAt) - 1).toISOString();
    expect(await ids('tasks', `createdAtTo=${earlier}`)).not.toContain(task.id);
    const reminded = await send('POST', '/api/v1/tasks', {
      title: 'Reminded task',
      dueAt: '2031-05-02T09:00:00.000Z',
      reminderAt: '2031-05-01T09:00:00.000Z',
    });
    expect(await ids('tasks', 'reminderAtFrom=2031-05-01&reminderAtTo=2031-05-01')).toEqual([reminded.id]);
    expect(await ids('tasks', 'reminderAtTo=2031-04-30')).not.toContain(reminded.id);
    const dropped = await send('POST', '/api/v1/leads', { firstName: 'Dis', lastName: 'Qualified', source: 'website' });
    const disqualified = await send('POST', `/api/v1/leads/${dropped.id}/disqualify`, { reason: 'No budget' });
    expect(await ids('leads', `disqualifiedAtFrom=${disqualified.disqualifiedAt}`)).toEqual([dropped.id]);
    expect(await ids('leads', `disqualifiedAtTo=${earlier}`)).not.toContain(dropped.id);
    // Yes/no filters take alternatives like every equality filter: both values are no filter at all.
    const everyContact = await ids('contacts', '');
    expect((await ids('contacts', 'isPrimary=true,false')).sort()).toEqual([...everyContact].sort());
    expect((await ids('tasks', 'overdue=false,true')).length).toBe((await ids('tasks', '')).length);
    for (const collection of ['activities', 'communications']) {
      const [newest] = await list(collection, 'sort=-createdAt');
      const created = (newest as unknown as { createdAt: string }).createdAt;
      expect(await ids(collection, `createdAtFrom=${created}`), collection).toContain(newest?.id);
    }
  });
});
