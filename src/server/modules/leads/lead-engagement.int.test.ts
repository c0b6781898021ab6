import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { activities, leads } from '../../db/schema/index.js';
import { leadRescoreJob } from '../../jobs/lead-rescore.job.js';
import { createJobWorker, enqueueJob } from '../../jobs/queue.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

async function createLead(payload: Record<string, unknown> = {}) {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/leads',
    as: t.admin,
    payload: { firstName: 'Eva', lastName: 'Engaged', company: 'Engagement Works', source: 'website', ...payload },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function logActivity(leadId: string, values: Partial<typeof activities.$inferInsert>) {
  await t.deps.database.db.insert(activities).values({
    id: uuidv7(),
    type: 'call',
    subject: 'Call',
    status: 'completed',
    leadId,
    ownerId: t.admin.id,
    ...values,
  });
}

describe('lead engagement', () => {
  it('scores activities of the last 30 days, re-scored by the daily job', async () => {
    const lead = await createLead();
    const before = lead.score;
    await logActivity(lead.id, { completedAt: daysAgo(1) });
    await logActivity(lead.id, { completedAt: daysAgo(10) });
    await logActivity(lead.id, { status: 'planned', scheduledAt: daysAgo(2) });
    await logActivity(lead.id, { completedAt: daysAgo(45) });
    await logActivity(lead.id, { status: 'cancelled', scheduledAt: daysAgo(3) });

    await enqueueJob(t.deps.database.db, leadRescoreJob, {});
    // At least one: the run also queues the next day's, which is due when the test crosses midnight.
    expect(await createJobWorker(t.deps, [leadRescoreJob]).runDueJobs()).toBeGreaterThanOrEqual(1);

    const after = (await t.request({ method: 'GET', url: `/api/v1/leads/${lead.id}`, as: t.admin })).json();
    expect(after.score).toBe(before + 6);
    expect(after.scoreReasons).toContainEqual(expect.objectContaining({ rule: 'engagement', points: 6 }));
    // A derived score does not bump the version: a client's If-Match stays valid.
    expect(after.version).toBe(lead.version);
  });

  it('carries the lead’s activities over to the account, contact and deal on conversion', async () => {
    const lead = await createLead({ company: 'Carry Over Ltd', email: 'eva@carryover.example' });
    await logActivity(lead.id, { completedAt: daysAgo(1) });
    const converted = await t.request({
      method: 'POST',
      url: `/api/v1/leads/${lead.id}/convert`,
      as: t.admin,
      payload: { opportunity: { name: 'Carry Over deal', amount: 5000, closeDate: '2027-01-31' } },
    });
    expect(converted.statusCode, converted.body).toBe(200);
    const { account, contact, opportunity } = converted.json();
    const [activity] = await t.deps.database.db.select().from(activities).where(eq(activities.leadId, lead.id));
    expect(activity).toMatchObject({ accountId: account.id, contactId: contact.id, opportunityId: opportunity.id });
    const [row] = await t.deps.database.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(row?.status).toBe('converted');
  });

  it('is found by global search', async () => {
    const lead = await createLead({ firstName: 'Quentin', lastName: 'Searchable', company: 'Findme Farms' });
    const hits = (
      await t.request({ method: 'GET', url: '/api/v1/search?q=findme%20farm&types=lead', as: t.admin })
    ).json().data;
    // The subtitle reads as the app labels it: "Open", not the stored "open".
    expect(hits[0]).toMatchObject({
      type: 'lead',
      id: lead.id,
      title: 'Quentin Searchable',
      subtitle: 'Findme Farms · Open',
    });
  });
});

describe('lead engagement through the activities API', () => {
  it('re-scores the lead when an activity is logged, completed or removed', async () => {
    const lead = await createLead({ company: 'Live Score Co' });
    const scoreNow = async () =>
      (await t.request({ method: 'GET', url: `/api/v1/leads/${lead.id}`, as: t.admin })).json().score as number;
    const logged = await t.request({
      method: 'POST',
      url: '/api/v1/activities',
      as: t.admin,
      payload: { type: 'call', subject: 'Intro call', status: 'completed', leadId: lead.id },
    });
    expect(logged.statusCode, logged.body).toBe(201);
    expect(await scoreNow()).toBe(lead.score + 2);
    expect(
      (await t.request({ method: 'DELETE', url: `/api/v1/activities/${logged.json().id}`, as: t.admin })).statusCode,
    ).toBe(204);
    expect(await scoreNow()).toBe(lead.score);
  });

  it('takes what is about the lead alone along when it is deleted, and back when it is restored', async () => {
    const lead = await createLead({ company: 'Going Concern' });
    const send = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
      t.request({ method, url, as: t.admin, payload });
    const call = (
      await send('POST', '/api/v1/activities', {
        type: 'call',
        subject: 'Qualifying',
        status: 'completed',
        leadId: lead.id,
      })
    ).json();
    const account = (await send('POST', '/api/v1/accounts', { name: 'Going Concern Partner' })).json();
    const task = (
      await send('POST', '/api/v1/tasks', { title: 'Ask the partner', leadId: lead.id, accountId: account.id })
    ).json();
    const scored = (await send('GET', `/api/v1/leads/${lead.id}`)).json().score;
    // Deleted on its own before the lead, a note about the lead alone cannot come back without it.
    const note = (await send('POST', '/api/v1/notes', { body: 'Early thoughts', leadId: lead.id })).json();
    expect((await send('DELETE', `/api/v1/notes/${note.id}`)).statusCode).toBe(204);

    expect((await send('DELETE', `/api/v1/leads/${lead.id}`)).statusCode).toBe(204);
    // The call was about the lead alone: it goes with it. The task is the account's too: it stays, unlinked.
    expect((await send('GET', `/api/v1/activities/${call.id}`)).statusCode).toBe(404);
    expect((await send('GET', `/api/v1/tasks/${task.id}`)).json()).toMatchObject({
      leadId: null,
      accountId: account.id,
    });
    const orphan = await send('POST', `/api/v1/notes/${note.id}/restore`);
    expect(orphan.statusCode).toBe(409);
    expect(orphan.json().errors).toEqual([{ path: 'leadId', message: 'is deleted' }]);

    const restored = await send('POST', `/api/v1/leads/${lead.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json().score).toBe(scored);
    expect((await send('GET', `/api/v1/activities/${call.id}`)).json()).toMatchObject({ leadId: lead.id });
  });
});

describe('conversion of a lead without a company', () => {
  it('matches the account by e-mail domain, or creates one named after the person', async () => {
    const existing = await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: t.admin,
      payload: { name: 'Domain Holder Inc', website: 'https://domainholder.example' },
    });
    const byDomain = await createLead({ company: null, email: 'pat@domainholder.example' });
    const matched = await t.request({
      method: 'POST',
      url: `/api/v1/leads/${byDomain.id}/convert`,
      as: t.admin,
      payload: {},
    });
    expect(matched.statusCode, matched.body).toBe(200);
    expect(matched.json()).toMatchObject({ accountMatched: true, account: { id: existing.json().id } });

    const nobody = await createLead({ company: null, firstName: 'Solo', lastName: 'Trader', email: 'solo@gmail.com' });
    const created = await t.request({
      method: 'POST',
      url: `/api/v1/leads/${nobody.id}/convert`,
      as: t.admin,
      payload: {},
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ accountMatched: false, account: { name: 'Solo Trader' } });
  });
});
