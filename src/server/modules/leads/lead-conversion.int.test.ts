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
    payload: { firstName: 'Cora', lastName: `Convert${sequence}`, source: 'referral', ...payload },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}
async function createAccount(payload: Record<string, unknown>, as: TestUser = t.admin) {
  const response = await t.request({ method: 'POST', url: '/api/v1/accounts', as, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}
const convert = (
  id: string,
  payload: Record<string, unknown> = {},
  options: { as?: TestUser; headers?: Record<string, string> } = {},
) =>
  t.request({
    method: 'POST',
    url: `/api/v1/leads/${id}/convert`,
    as: options.as ?? t.admin,
    payload,
    ...(options.headers ? { headers: options.headers } : {}),
  });
const get = (url: string, as: TestUser = t.admin) => t.request({ method: 'GET', url, as });
const count = async (url: string) =>
  (await get(`${url}${url.includes('?') ? '&' : '?'}includeTotal=true&limit=1`)).json().total as number;

describe('lead conversion', () => {
  it('opens the deal as far along as the lead got, and keeps its region as the address state', async () => {
    const lead = await createLead({
      company: `Badger Yard Care ${Date.now()}`,
      stage: 'negotiation',
      country: 'US',
      region: 'WI',
      budgetAmount: 117_000,
      decisionDate: '2030-06-30',
    });
    const converted = await convert(lead.id, { opportunity: { name: 'Zero-turn mowers' } });
    expect(converted.statusCode, converted.body).toBe(200);
    expect(converted.json().opportunity).toMatchObject({ stage: 'negotiation', probability: 75, amount: 117_000 });
    expect(converted.json().account.address).toMatchObject({ country: 'US', state: 'WI' });

    const asked = await createLead({ stage: 'proposal', decisionDate: '2030-06-30' });
    const chosen = await convert(asked.id, { opportunity: { name: 'Chosen stage', stage: 'qualification' } });
    expect(chosen.json().opportunity.stage).toBe('qualification');
  });

  it('creates an account, a primary contact and no deal when nothing matches', async () => {
    const territory = (
      await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name: 'Conversion Land' } })
    ).json();
    const lead = await createLead({
      firstName: 'Olga',
      lastName: 'Novak',
      company: 'Novak Harvesters GmbH',
      title: 'Managing Director',
      email: 'Olga@Novak-Harvesters.example',
      phone: '+49 (30) 123-456',
      bant: { authority: true },
      employees: 80,
      country: 'DE',
      territoryId: territory.id,
    });
    const accountsBefore = await count('/api/v1/accounts');

    const response = await convert(lead.id);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result.accountMatched).toBe(false);
    expect(result.opportunity).toBeNull();
    expect(result.account).toMatchObject({
      name: 'Novak Harvesters GmbH',
      type: 'customer',
      website: 'novak-harvesters.example',
      territoryId: territory.id,
      ownerId: t.admin.id,
      employees: 80,
      address: { country: 'DE' },
    });
    expect(result.contact).toMatchObject({
      accountId: result.account.id,
      firstName: 'Olga',
      lastName: 'Novak',
      title: 'Managing Director',
      email: 'olga@novak-harvesters.example',
      phone: '+4930123456',
      role: 'decision_maker',
      isPrimary: true,
      ownerId: t.admin.id,
    });
    expect(result.lead).toMatchObject({
      status: 'converted',
      convertedAccountId: result.account.id,
      convertedContactId: result.contact.id,
      convertedOpportunityId: null,
      version: 2,
    });
    expect(Date.parse(result.lead.convertedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await get(`/api/v1/leads/${lead.id}`)).json()).toEqual(result.lead);
    expect(await count('/api/v1/accounts')).toBe(accountsBefore + 1);

    const audit = (await get(`/api/v1/audit?entity=leads&entityId=${lead.id}&action=convert`)).json().data;
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ status: 'converted', convertedAccountId: result.account.id });
    // A lead with no company becomes an account named after the person.
    const person = await convert((await createLead({ firstName: 'Solo', lastName: 'Trader' })).id);
    expect(person.json()).toMatchObject({ accountMatched: false, account: { name: 'Solo Trader', website: null } });
    expect(person.json().contact.role).toBe('contact');
  });

  it('reuses an account with the same normalised company name', async () => {
    const account = await createAccount({ name: 'The Acme Tractor Company, Inc.' });
    const accountsBefore = await count('/api/v1/accounts');
    const lead = await createLead({ company: 'ACME Tractor', email: 'buyer@gmail.com' });
    const result = (await convert(lead.id)).json();
    expect(result.accountMatched).toBe(true);
    expect(result.account.id).toBe(account.id);
    expect(result.contact).toMatchObject({ accountId: account.id, isPrimary: false, email: 'buyer@gmail.com' });
    expect(await count('/api/v1/accounts')).toBe(accountsBefore);
  });

  it('reuses an account with the same e-mail domain, and a contact there with the same e-mail', async () => {
    const account = await createAccount({ name: 'Brightfield Holdings', website: 'https://www.brightfield.example' });
    const contact = (
      await t.request({
        method: 'POST',
        url: '/api/v1/contacts',
        as: t.admin,
        payload: { accountId: account.id, firstName: 'Ben', lastName: 'Bright', email: 'ben@brightfield.example' },
      })
    ).json();
    const lead = await createLead({
      firstName: 'Ben',
      lastName: 'Bright',
      company: 'Brightfield Agri Services',
      email: 'BEN@brightfield.example',
    });
    const contactsBefore = await count(`/api/v1/contacts?accountId=${account.id}`);
    const result = (await convert(lead.id)).json();
    expect(result).toMatchObject({ accountMatched: true, account: { id: account.id }, contact: { id: contact.id } });
    expect(result.lead.convertedContactId).toBe(contact.id);
    expect(await count(`/api/v1/contacts?accountId=${account.id}`)).toBe(contactsBefore);
  });

  it('uses the account given, and refuses one the caller cannot see', async () => {
    const rep = await t.createUser();
    const hidden = await createAccount({ name: 'Hidden From Rep Ltd', ownerId: t.admin.id });
    const repLead = await createLead({ company: 'Hidden From Rep Ltd' }, rep);
    for (const accountId of [hidden.id, MISSING_ID]) {
      const refused = await convert(repLead.id, { accountId }, { as: rep });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().errors).toEqual([{ path: 'accountId', message: 'no such account' }]);
    }
    // Without accountId the rep's conversion cannot match the hidden account either: it creates its own.
    expect((await get(`/api/v1/leads/${repLead.id}`, rep)).json()).toMatchObject({ status: 'open', version: 1 });

    const chosen = await createAccount({ name: 'Chosen Distributor', type: 'distributor' });
    const lead = await createLead({ company: 'Something Else Entirely' });
    const result = (await convert(lead.id, { accountId: chosen.id })).json();
    expect(result).toMatchObject({ accountMatched: true, account: { id: chosen.id, type: 'distributor' } });
    const own = (await convert(repLead.id, {}, { as: rep })).json();
    expect(own.accountMatched).toBe(false);
    expect(own.account.id).not.toBe(hidden.id);
  });

  it("opens a deal carrying over the lead's budget, decision date and need", async () => {
    const lead = await createLead({
      company: 'Fleetwise Logistics',
      budgetAmount: 80_000,
      decisionDate: '2026-10-31',
      needDescription: 'Twenty refrigerated trailers.',
    });
    const response = await convert(lead.id, { opportunity: { name: 'Fleetwise trailers' } });
    expect(response.statusCode, response.body).toBe(200);
    const { opportunity, account, contact, lead: converted } = response.json();
    expect(opportunity).toMatchObject({
      name: 'Fleetwise trailers',
      accountId: account.id,
      contactId: contact.id,
      leadId: lead.id,
      ownerId: lead.ownerId,
      stage: 'prospecting',
      amount: 80_000,
      closeDate: '2026-10-31',
      requirements: 'Twenty refrigerated trailers.',
    });
    expect(converted.convertedOpportunityId).toBe(opportunity.id);
    expect((await get(`/api/v1/opportunities/${opportunity.id}`)).json()).toMatchObject({ leadId: lead.id });

    const explicit = await createLead({ budgetAmount: 1000, decisionDate: '2026-01-31', needDescription: 'Old need' });
    const given = (
      await convert(explicit.id, {
        opportunity: {
          name: 'Explicit deal',
          amount: 5000,
          closeDate: '2026-12-15',
          stage: 'qualification',
          requirements: null,
          productInterest: ['trailers'],
        },
      })
    ).json().opportunity;
    expect(given).toMatchObject({
      amount: 5000,
      closeDate: '2026-12-15',
      stage: 'qualification',
      requirements: null,
      productInterest: ['trailers'],
    });
  });

  it('refuses a deal without any close date, and bad conversion bodies, changing nothing', async () => {
    const lead = await createLead({ company: 'No Date Farms' });
    const accountsBefore = await count('/api/v1/accounts');
    const contactsBefore = await count('/api/v1/contacts');
    const noDate = await convert(lead.id, { opportunity: { name: 'Undated' } });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().errors).toEqual([
      { path: 'opportunity.closeDate', message: 'required when the lead has no decisionDate' },
    ]);
    for (const payload of [
      { accountId: 'nope' },
      { opportunity: { closeDate: '2026-01-01' } },
      { opportunity: { name: 'X', closeDate: '2026-01-01', accountId: MISSING_ID } },
      { opportunity: { name: 'X', closeDate: '2026-01-01', amount: -1 } },
      { extra: true },
    ]) {
      const response = await convert(lead.id, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    // A deal that fails its own rules rolls back the account and contact created before it.
    const late = await convert(lead.id, {
      opportunity: { name: 'Lost', closeDate: '2026-01-01', stage: 'closed_lost' },
    });
    expect(late.statusCode).toBe(400);
    expect(await count('/api/v1/accounts')).toBe(accountsBefore);
    expect(await count('/api/v1/contacts')).toBe(contactsBefore);
    expect((await get(`/api/v1/leads/${lead.id}`)).json()).toMatchObject({ status: 'open', version: 1 });
    expect((await convert(MISSING_ID)).statusCode).toBe(404);
  });

  it('answers 409 to a second conversion and to any change of a converted lead', async () => {
    const lead = await createLead({ company: 'Twice Converted Co' });
    expect((await convert(lead.id)).statusCode).toBe(200);
    const again = await convert(lead.id);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      status: 409,
      leadStatus: 'converted',
      convertedContactId: expect.any(String),
    });
    const edit = await t.request({
      method: 'PATCH',
      url: `/api/v1/leads/${lead.id}`,
      as: t.admin,
      payload: { title: 'X' },
    });
    expect(edit.statusCode).toBe(409);
    const disqualify = await t.request({
      method: 'POST',
      url: `/api/v1/leads/${lead.id}/disqualify`,
      as: t.admin,
      payload: { reason: 'Too late' },
    });
    expect(disqualify.statusCode).toBe(409);

    const dropped = await createLead();
    await t.request({
      method: 'POST',
      url: `/api/v1/leads/${dropped.id}/disqualify`,
      as: t.admin,
      payload: { reason: 'No need' },
    });
    const droppedAgain = await convert(dropped.id);
    expect(droppedAgain.statusCode).toBe(409);
    expect(droppedAgain.json()).toMatchObject({ status: 409, leadStatus: 'disqualified' });
  });

  it('lets exactly one of two racing conversions of a lead win', async () => {
    const company = `Race Condition Mills ${Date.now()}`;
    const lead = await createLead({
      company,
      email: 'race@racemills.example',
      decisionDate: '2026-11-30',
    });
    const answers = await Promise.all([
      convert(lead.id, { opportunity: { name: 'Race deal A' } }),
      convert(lead.id, { opportunity: { name: 'Race deal B' } }),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const winner = answers.find((answer) => answer.statusCode === 200)?.json();
    expect(await count(`/api/v1/accounts?q=${encodeURIComponent(company)}`)).toBe(1);
    expect(await count(`/api/v1/contacts?accountId=${winner.account.id}`)).toBe(1);
    expect(await count(`/api/v1/opportunities?leadId=${lead.id}`)).toBe(1);
    expect((await get(`/api/v1/leads/${lead.id}`)).json().convertedOpportunityId).toBe(winner.opportunity.id);
  });

  it('puts two leads of one new company, converted at once, into one account', async () => {
    const company = `Twin Lead Foods ${Date.now()}`;
    const leads = [await createLead({ company }), await createLead({ company: `${company} Ltd` })];
    const answers = await Promise.all(leads.map((lead) => convert(lead.id)));
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200]);
    const results = answers.map((answer) => answer.json());
    expect(results[0].account.id).toBe(results[1].account.id);
    expect(results.map((result) => result.accountMatched).sort()).toEqual([false, true]);
    expect(await count(`/api/v1/accounts?q=${encodeURIComponent(company)}`)).toBe(1);
  });

  it('replays a conversion retried with the same Idempotency-Key and honours If-Match', async () => {
    const lead = await createLead({ company: 'Retry Robotics' });
    expect((await convert(lead.id, {}, { headers: { 'if-match': '"7"' } })).statusCode).toBe(412);
    const headers = { 'idempotency-key': `convert-${lead.id}` };
    const first = await convert(lead.id, {}, { headers });
    const retry = await convert(lead.id, {}, { headers });
    expect(first.statusCode).toBe(200);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
  });

  it('lets only those who may change the lead convert it', async () => {
    const territory = (
      await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name: 'Convert Rights' } })
    ).json();
    const owner = await t.createUser({ territoryIds: [territory.id] });
    const colleague = await t.createUser({ territoryIds: [territory.id] });
    const stranger = await t.createUser();
    const lead = await createLead({ company: 'Rights Check Ltd', territoryId: territory.id }, owner);
    expect((await convert(lead.id, {}, { as: stranger })).statusCode).toBe(404);
    expect((await convert(lead.id, {}, { as: colleague })).statusCode).toBe(403);
    const done = await convert(lead.id, {}, { as: owner });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().account).toMatchObject({ ownerId: owner.id, territoryId: territory.id });
  });

  it('refuses a lead whose owner has left, saying what to do, and converts it once it is given to someone', async () => {
    const leaver = await t.createUser();
    const company = `Left Behind Supply ${Date.now()}`;
    const lead = await createLead({ company }, leaver);
    const deactivated = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${leaver.id}`,
      as: t.admin,
      payload: { active: false },
    });
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    const accountsBefore = await count('/api/v1/accounts');

    const refused = await convert(lead.id, { opportunity: { name: 'Spares', closeDate: '2030-01-31' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      detail: expect.stringContaining("the lead's owner is no longer active"),
      errors: [{ path: 'ownerId' }],
    });
    expect((await get(`/api/v1/leads/${lead.id}`)).json()).toMatchObject({ status: 'open', ownerId: leaver.id });
    expect(await count('/api/v1/accounts')).toBe(accountsBefore);

    const reassigned = await t.request({
      method: 'PATCH',
      url: `/api/v1/leads/${lead.id}`,
      as: t.admin,
      payload: { ownerId: t.admin.id },
    });
    expect(reassigned.statusCode, reassigned.body).toBe(200);
    const converted = await convert(lead.id, { opportunity: { name: 'Spares', closeDate: '2030-01-31' } });
    expect(converted.statusCode, converted.body).toBe(200);
    expect(converted.json().account).toMatchObject({ name: company, ownerId: t.admin.id });
    expect(converted.json().opportunity).toMatchObject({ ownerId: t.admin.id });
  });
});
