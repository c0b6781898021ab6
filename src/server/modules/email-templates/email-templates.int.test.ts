import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

let t: TestApp;
let manager: TestUser;
let rep: TestUser;
let colleague: TestUser;
const ids: Record<string, string> = {};

async function call(as: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return t.request({ method, url, as, ...(payload ? { payload } : {}) });
}

async function created(as: TestUser, url: string, payload: object) {
  const response = await call(as, 'POST', url, payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

beforeAll(async () => {
  t = await buildTestApp();
  manager = await t.createUser({ role: 'manager' });
  rep = await t.createUser({ managerId: manager.id, name: 'Rita Rep' });
  colleague = await t.createUser();
  await call(rep, 'PATCH', '/api/v1/users/me/preferences', { timeZone: 'Europe/Madrid' });
  ids.account = (await created(rep, '/api/v1/accounts', { name: 'Valley Mowers', address: { city: 'Fresno' } })).id;
  ids.contact = (
    await created(rep, '/api/v1/contacts', {
      accountId: ids.account,
      firstName: 'Maya',
      lastName: 'Lopez',
      title: 'Buyer',
      email: 'maya@valley-mowers.example',
    })
  ).id;
  ids.deal = (
    await created(rep, '/api/v1/opportunities', {
      name: 'Spring fleet',
      accountId: ids.account,
      contactId: ids.contact,
      amount: 48250,
      currency: 'EUR',
      closeDate: '2027-03-15',
    })
  ).id;
  ids.hidden = (
    await created(colleague, '/api/v1/contacts', {
      accountId: (await created(colleague, '/api/v1/accounts', { name: 'Elsewhere Inc' })).id,
      firstName: 'Hidden',
      lastName: 'Person',
    })
  ).id;
});

afterAll(async () => {
  await t.close();
});

describe('e-mail templates', () => {
  it('fills a template from a deal, its contact and account, and the sender', async () => {
    const template = await created(rep, '/api/v1/email-templates', {
      name: 'Offer follow-up',
      subject: 'Your offer for {{ opportunity.name }}, {{account.name}}',
      body: 'Dear {{contact.firstName}},\n\nthe {{opportunity.amount}} offer stands until {{opportunity.closeDate}}.\n\n{{me.name}}\n{{me.email}}\nSent {{today}}',
    });
    expect(template).toMatchObject({ shared: false, ownerId: rep.id, version: 1 });

    const rendered = await call(rep, 'POST', `/api/v1/email-templates/${template.id}/render`, {
      opportunityId: ids.deal,
    });
    expect(rendered.statusCode, rendered.body).toBe(200);
    const today = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Madrid',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(new Date());
    expect(rendered.json()).toEqual({
      subject: 'Your offer for Spring fleet, Valley Mowers',
      body: `Dear Maya,\n\nthe €48,250.00 offer stands until 15 March 2027.\n\nRita Rep\n${rep.email}\nSent ${today}`,
      missing: [],
    });

    // A lead's fields with no lead given are left empty and named.
    const lead = await created(rep, '/api/v1/email-templates', {
      name: 'Lead intro',
      subject: 'Hello {{lead.company}}',
      body: 'Hi {{lead.firstName}}, {{contact.title}}',
    });
    const partial = await call(rep, 'POST', `/api/v1/email-templates/${lead.id}/render`, { contactId: ids.contact });
    expect(partial.json()).toEqual({
      subject: 'Hello',
      body: 'Hi , Buyer',
      missing: ['lead.company', 'lead.firstName'],
    });
  });

  it('refuses unknown fields, records the caller cannot see, and bad input, changing nothing', async () => {
    const typo = await call(rep, 'POST', '/api/v1/email-templates', {
      name: 'Typo',
      subject: 'Hi {{contact.fristName}}',
      body: 'Body {{account.nmae}} and {{today}}',
    });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().errors).toEqual([
      { path: 'subject', message: expect.stringMatching(/^\{\{contact\.fristName\}\} is not a field/) },
      { path: 'body', message: expect.stringMatching(/^\{\{account\.nmae\}\} is not a field/) },
    ]);
    for (const payload of [
      { name: '', subject: 's', body: 'b' },
      { name: 'n', subject: 's' },
      { name: 'n', subject: 's', body: 'b', html: true },
    ]) {
      expect((await call(rep, 'POST', '/api/v1/email-templates', payload)).statusCode, JSON.stringify(payload)).toBe(
        400,
      );
    }
    const list = await call(rep, 'GET', '/api/v1/email-templates?q=Typo');
    expect(list.json().data).toEqual([]);

    const template = await created(rep, '/api/v1/email-templates', {
      name: 'Plain',
      subject: 'Hi',
      body: '{{contact.name}}',
    });
    const hidden = await call(rep, 'POST', `/api/v1/email-templates/${template.id}/render`, { contactId: ids.hidden });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().errors).toEqual([{ path: 'contactId', message: 'no such contact' }]);
    const stale = await t.request({
      method: 'PATCH',
      url: `/api/v1/email-templates/${template.id}`,
      as: rep,
      headers: { 'if-match': '"7"' },
      payload: { body: 'changed' },
    });
    expect(stale.statusCode).toBe(412);
    expect((await call(rep, 'PATCH', `/api/v1/email-templates/${template.id}`, { body: '{{nope}}' })).statusCode).toBe(
      400,
    );
    expect((await call(rep, 'GET', `/api/v1/email-templates/${template.id}`)).json()).toMatchObject({
      body: '{{contact.name}}',
      version: 1,
    });
  });

  it('shows a template to its owner’s team, and a shared one to everyone, who may use but not change it', async () => {
    const own = await created(rep, '/api/v1/email-templates', { name: 'Rep only', subject: 's', body: 'b' });
    const shared = await created(rep, '/api/v1/email-templates', {
      name: 'Team price list',
      subject: 's',
      body: 'b',
      shared: true,
    });
    const namesFor = async (as: TestUser) =>
      (await call(as, 'GET', '/api/v1/email-templates?limit=200')).json().data.map((row: { name: string }) => row.name);
    expect(await namesFor(manager)).toEqual(expect.arrayContaining(['Rep only', 'Team price list']));
    expect(await namesFor(colleague)).toContain('Team price list');
    expect(await namesFor(colleague)).not.toContain('Rep only');
    expect((await call(colleague, 'GET', `/api/v1/email-templates/${own.id}`)).statusCode).toBe(404);
    expect((await call(colleague, 'POST', `/api/v1/email-templates/${shared.id}/render`, {})).statusCode).toBe(200);
    expect(
      (await call(colleague, 'PATCH', `/api/v1/email-templates/${shared.id}`, { name: 'Mine now' })).statusCode,
    ).toBe(403);
    expect((await call(colleague, 'DELETE', `/api/v1/email-templates/${shared.id}`)).statusCode).toBe(403);
    expect((await call(manager, 'PATCH', `/api/v1/email-templates/${own.id}`, { shared: true })).json()).toMatchObject({
      shared: true,
      version: 2,
    });
    expect((await call(rep, 'DELETE', `/api/v1/email-templates/${own.id}`)).statusCode).toBe(204);
    expect(await namesFor(manager)).not.toContain('Rep only');
    const restored = await call(rep, 'POST', `/api/v1/email-templates/${own.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    const sharedOnly = (await call(manager, 'GET', '/api/v1/email-templates?shared=true&limit=200')).json().data;
    expect(sharedOnly.every((row: { shared: boolean }) => row.shared)).toBe(true);
  });
});
