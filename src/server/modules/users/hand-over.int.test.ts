import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { inDays } from '../../../../test/helpers/records.js';
import { webhookDeliveries } from '../../db/schema/index.js';

let t: TestApp;
let manager: TestUser;
let leaving: TestUser;
let colleague: TestUser;
let outsider: TestUser;
let north: string;
let south: string;
const ids: Record<string, string> = {};

async function post(as: TestUser, url: string, payload: unknown, headers: Record<string, string> = {}) {
  const response = await t.request({ method: 'POST', url, as, payload: payload as object, headers });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

const handOver = (as: TestUser, payload: object, headers: Record<string, string> = {}, from = leaving.id) =>
  t.request({ method: 'POST', url: `/api/v1/users/${from}/hand-over`, as, payload, headers });

async function holderOf(url: string, field = 'ownerId') {
  const response = await t.request({ method: 'GET', url, as: t.admin });
  expect(response.statusCode, response.body).toBe(200);
  return { holder: response.json()[field] as string, version: response.json().version as number };
}

beforeAll(async () => {
  t = await buildTestApp();
  north = (await post(t.admin, '/api/v1/territories', { name: 'Hand-over North' })).id;
  south = (await post(t.admin, '/api/v1/territories', { name: 'Hand-over South' })).id;
  manager = await t.createUser({ role: 'manager', territoryIds: [north, south] });
  leaving = await t.createUser({ managerId: manager.id, territoryIds: [north, south], name: 'Lea Leaving' });
  colleague = await t.createUser({ managerId: manager.id, territoryIds: [north], name: 'Colin Colleague' });
  outsider = await t.createUser({ territoryIds: [] });

  // What the leaving rep holds: an account in each territory with a contact, an open and a
  // disqualified lead, an open and a won deal, an open and a completed task, a planned and a done visit.
  ids.northAccount = (await post(leaving, '/api/v1/accounts', { name: 'Northern Dealer', territoryId: north })).id;
  ids.southAccount = (await post(leaving, '/api/v1/accounts', { name: 'Southern Dealer', territoryId: south })).id;
  ids.northContact = (
    await post(leaving, '/api/v1/contacts', { accountId: ids.northAccount, firstName: 'Nora', lastName: 'North' })
  ).id;
  ids.southContact = (
    await post(leaving, '/api/v1/contacts', { accountId: ids.southAccount, firstName: 'Sam', lastName: 'South' })
  ).id;
  ids.openLead = (
    await post(leaving, '/api/v1/leads', {
      firstName: 'Olive',
      lastName: 'Open',
      company: 'Open Lead Ltd',
      source: 'referral',
      territoryId: north,
    })
  ).id;
  ids.lostLead = (
    await post(leaving, '/api/v1/leads', {
      firstName: 'Gil',
      lastName: 'Gone',
      company: 'Gone Ltd',
      source: 'referral',
      territoryId: north,
    })
  ).id;
  await post(leaving, `/api/v1/leads/${ids.lostLead}/disqualify`, { reason: 'no budget' });
  const deal = { amount: 10000, closeDate: inDays(30).slice(0, 10) };
  ids.openDeal = (
    await post(leaving, '/api/v1/opportunities', { ...deal, name: 'Open deal', accountId: ids.northAccount })
  ).id;
  ids.wonDeal = (
    await post(leaving, '/api/v1/opportunities', {
      ...deal,
      name: 'Won deal',
      accountId: ids.southAccount,
      stage: 'closed_won',
    })
  ).id;
  ids.openTask = (
    await post(leaving, '/api/v1/tasks', { title: 'Call Nora', accountId: ids.northAccount, dueAt: inDays(2) })
  ).id;
  ids.doneTask = (
    await post(leaving, '/api/v1/tasks', { title: 'Sent samples', accountId: ids.northAccount, dueAt: inDays(1) })
  ).id;
  await post(leaving, `/api/v1/tasks/${ids.doneTask}/complete`, {});
  ids.plannedVisit = (
    await post(leaving, '/api/v1/activities', {
      type: 'visit',
      subject: 'Quarterly visit',
      accountId: ids.southAccount,
      scheduledAt: inDays(5),
    })
  ).id;
  ids.doneVisit = (
    await post(leaving, '/api/v1/activities', {
      type: 'visit',
      subject: 'Past visit',
      accountId: ids.northAccount,
      scheduledAt: inDays(-5),
    })
  ).id;
  await post(leaving, `/api/v1/activities/${ids.doneVisit}/complete`, { outcome: 'Ordered' });
});

afterAll(async () => {
  await t.close();
});

describe('handing a user’s records over', () => {
  it('counts what would move on a dry run and changes nothing', async () => {
    const dryRun = await handOver(manager, { toUserId: colleague.id, dryRun: true });
    expect(dryRun.statusCode, dryRun.body).toBe(200);
    expect(dryRun.json()).toEqual({
      fromUserId: leaving.id,
      toUserId: colleague.id,
      dryRun: true,
      moved: {
        accounts: 2,
        contacts: 2,
        leads: 1,
        opportunities: 1,
        tasks: 1,
        activities: 1,
        territories: 0,
        reports: 0,
        leadForms: 0,
      },
    });
    const withClosed = await handOver(manager, {
      toUserId: colleague.id,
      dryRun: true,
      includeClosed: true,
      records: ['opportunities', 'leads'],
    });
    expect(withClosed.json().moved).toEqual({
      accounts: 0,
      contacts: 0,
      leads: 2,
      opportunities: 2,
      tasks: 0,
      activities: 0,
      territories: 0,
      reports: 0,
      leadForms: 0,
    });
    expect(await holderOf(`/api/v1/accounts/${ids.northAccount}`)).toEqual({ holder: leaving.id, version: 1 });
  });

  it('refuses bad requests and callers who may not, and changes nothing', async () => {
    const inactive = await t.createUser();
    await t.request({ method: 'PATCH', url: `/api/v1/users/${inactive.id}`, as: t.admin, payload: { active: false } });
    const bad: [object, string][] = [
      [{ toUserId: leaving.id }, 'toUserId'],
      [{ toUserId: inactive.id }, 'toUserId'],
      [{ toUserId: '0190a0a0-0000-7000-8000-000000000000' }, 'toUserId'],
      [{ toUserId: colleague.id, territoryId: '0190a0a0-0000-7000-8000-000000000000' }, 'territoryId'],
      [{ toUserId: colleague.id, records: [] }, 'records'],
      [{ toUserId: colleague.id, records: ['accounts', 'accounts'] }, 'records'],
      [{ toUserId: colleague.id, records: ['quotes'] }, 'records.0'],
      [{ toUserId: colleague.id, everything: true }, ''],
      [{}, 'toUserId'],
    ];
    for (const [payload, path] of bad) {
      const refused = await handOver(manager, payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      if (path) expect(refused.json().errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    // A colleague and a rep elsewhere may not give away someone else's records.
    expect((await handOver(colleague, { toUserId: colleague.id })).statusCode).toBe(403);
    expect((await handOver(outsider, { toUserId: outsider.id })).statusCode).toBe(403);
    expect(
      (await handOver(manager, { toUserId: colleague.id }, {}, '0190a0a0-0000-7000-8000-000000000000')).statusCode,
    ).toBe(404);
    expect(await holderOf(`/api/v1/accounts/${ids.northAccount}`)).toEqual({ holder: leaving.id, version: 1 });
    expect(await holderOf(`/api/v1/tasks/${ids.openTask}`, 'assigneeId')).toEqual({ holder: leaving.id, version: 1 });
  });

  it("moves one territory's share, audited, told to webhooks, and tells the recipient", async () => {
    const hook = await post(t.admin, '/api/v1/webhooks', { url: 'http://127.0.0.1:9/hooks', events: ['account.*'] });
    const moved = await handOver(manager, { toUserId: colleague.id, territoryId: north });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().moved).toEqual({
      accounts: 1,
      contacts: 1,
      leads: 1,
      opportunities: 1,
      tasks: 1,
      activities: 0,
      territories: 0,
      reports: 0,
      leadForms: 0,
    });

    expect(await holderOf(`/api/v1/accounts/${ids.northAccount}`)).toEqual({ holder: colleague.id, version: 2 });
    expect((await holderOf(`/api/v1/contacts/${ids.northContact}`)).holder).toBe(colleague.id);
    expect((await holderOf(`/api/v1/leads/${ids.openLead}`)).holder).toBe(colleague.id);
    expect((await holderOf(`/api/v1/opportunities/${ids.openDeal}`)).holder).toBe(colleague.id);
    expect((await holderOf(`/api/v1/tasks/${ids.openTask}`, 'assigneeId')).holder).toBe(colleague.id);
    // History stays with who made it; the south stays with the leaving rep.
    expect((await holderOf(`/api/v1/leads/${ids.lostLead}`)).holder).toBe(leaving.id);
    expect((await holderOf(`/api/v1/tasks/${ids.doneTask}`, 'assigneeId')).holder).toBe(leaving.id);
    expect((await holderOf(`/api/v1/activities/${ids.doneVisit}`)).holder).toBe(leaving.id);
    expect((await holderOf(`/api/v1/accounts/${ids.southAccount}`)).holder).toBe(leaving.id);

    const trail = await t.request({
      method: 'GET',
      url: `/api/v1/audit?entity=accounts&entityId=${ids.northAccount}`,
      as: t.admin,
    });
    const change = trail.json().data.find((row: { action: string }) => row.action === 'update');
    expect(change).toMatchObject({
      actorId: manager.id,
      before: { ownerId: leaving.id },
      after: { ownerId: colleague.id },
    });

    const deliveries = await t.deps.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, hook.id));
    expect(deliveries.map((delivery) => delivery.eventType)).toEqual(['account.updated']);
    expect(JSON.parse(deliveries[0]?.body ?? '{}').data).toMatchObject({
      object: { id: ids.northAccount, ownerId: colleague.id, version: 2 },
      previousAttributes: { ownerId: leaving.id },
    });

    // The colleague now sees them as theirs, and is told.
    const mine = await t.request({ method: 'GET', url: '/api/v1/accounts?ownerId=me', as: colleague });
    expect(mine.json().data.map((account: { id: string }) => account.id)).toEqual([ids.northAccount]);
    const notices = await t.request({ method: 'GET', url: '/api/v1/notifications', as: colleague });
    expect(notices.json().data[0]).toMatchObject({
      kind: 'records_handed_over',
      title: "Lea Leaving's records are now yours",
      body: expect.stringMatching(/^You were handed 1 account, 1 contact, 1 open lead, 1 deal and 1 open task \(by /),
      entity: 'accounts',
      entityId: null,
    });
  });

  it('moves the rest once per Idempotency-Key, closed deals when asked, and then the user can go', async () => {
    const key = { 'idempotency-key': `hand-over-${Date.now()}` };
    const first = await handOver(t.admin, { toUserId: colleague.id }, key);
    expect(first.json().moved).toEqual({
      accounts: 1,
      contacts: 1,
      leads: 0,
      opportunities: 0,
      tasks: 0,
      activities: 1,
      territories: 0,
      reports: 0,
      leadForms: 0,
    });
    const retry = await handOver(t.admin, { toUserId: colleague.id }, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect((await holderOf(`/api/v1/activities/${ids.plannedVisit}`)).version).toBe(2);
    expect((await holderOf(`/api/v1/opportunities/${ids.wonDeal}`)).holder).toBe(leaving.id);

    // Still holding a won deal and a disqualified lead: the user cannot be deleted until they go too.
    const refused = await t.request({ method: 'DELETE', url: `/api/v1/users/${leaving.id}`, as: t.admin });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('/hand-over');
    const closed = await handOver(t.admin, { toUserId: colleague.id, includeClosed: true });
    expect(closed.json().moved).toMatchObject({ opportunities: 1, leads: 1, accounts: 0 });
    expect((await holderOf(`/api/v1/opportunities/${ids.wonDeal}`)).holder).toBe(colleague.id);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/users/${leaving.id}`, as: t.admin })).statusCode).toBe(
      204,
    );
  });

  it('lets a rep give their own records to a colleague', async () => {
    const account = await post(outsider, '/api/v1/accounts', { name: 'Own Account' });
    const own = await handOver(outsider, { toUserId: colleague.id, records: ['accounts'] }, {}, outsider.id);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().moved.accounts).toBe(1);
    expect((await holderOf(`/api/v1/accounts/${account.id}`)).holder).toBe(colleague.id);
  });
});

describe("handing a manager's territories and team over", () => {
  let boss: TestUser;
  let leavingManager: TestUser;
  let deputy: TestUser;
  let peerManager: TestUser;
  let firstRep: TestUser;
  let secondRep: TestUser;
  let east: string;
  let west: string;
  let secondRepsAccount: string;
  let leadForm: string;

  beforeAll(async () => {
    boss = await t.createUser({ role: 'manager', name: 'Bea Boss' });
    leavingManager = await t.createUser({ role: 'manager', managerId: boss.id, name: 'Max Leaving' });
    east = (await post(t.admin, '/api/v1/territories', { name: 'Team East', managerId: leavingManager.id })).id;
    west = (await post(t.admin, '/api/v1/territories', { name: 'Team West', managerId: leavingManager.id })).id;
    deputy = await t.createUser({ role: 'manager', managerId: leavingManager.id, name: 'Dee Deputy' });
    peerManager = await t.createUser({ role: 'manager', managerId: boss.id, name: 'Pete Peer' });
    firstRep = await t.createUser({ managerId: leavingManager.id, territoryIds: [east] });
    secondRep = await t.createUser({ managerId: leavingManager.id, territoryIds: [west] });
    secondRepsAccount = (await post(secondRep, '/api/v1/accounts', { name: 'Second Rep Farm' })).id;
    leadForm = (await post(leavingManager, '/api/v1/lead-forms', { name: 'Team East website' })).id;
  });

  const managerOf = async (userId: string) =>
    (await t.request({ method: 'GET', url: `/api/v1/users/${userId}`, as: t.admin })).json().managerId;
  const territoryManager = async (territoryId: string) =>
    (await t.request({ method: 'GET', url: `/api/v1/territories/${territoryId}`, as: t.admin })).json().managerId;

  it('is for admins, to a manager who would not end up managing their own manager', async () => {
    const byBoss = await handOver(boss, { toUserId: peerManager.id, team: true }, {}, leavingManager.id);
    expect(byBoss.statusCode).toBe(403);
    const toRep = await handOver(t.admin, { toUserId: firstRep.id, team: true }, {}, leavingManager.id);
    expect(toRep.statusCode).toBe(400);
    expect(toRep.json().errors[0].path).toBe('toUserId');
    const underDeputy = await t.createUser({ role: 'manager', managerId: deputy.id });
    const loop = await handOver(t.admin, { toUserId: underDeputy.id, team: true }, {}, leavingManager.id);
    expect(loop.statusCode).toBe(400);
    await t.request({ method: 'DELETE', url: `/api/v1/users/${underDeputy.id}`, as: t.admin });
    expect(await managerOf(deputy.id)).toBe(leavingManager.id);
    expect(await territoryManager(east)).toBe(leavingManager.id);

    const dryRun = await handOver(
      t.admin,
      { toUserId: peerManager.id, team: true, dryRun: true },
      {},
      leavingManager.id,
    );
    expect(dryRun.json().moved).toMatchObject({ territories: 2, reports: 3 });
  });

  it('moves one territory with the people working in it, then the rest to a deputy who steps up', async () => {
    const eastOnly = await handOver(
      t.admin,
      { toUserId: peerManager.id, team: true, territoryId: east },
      {},
      leavingManager.id,
    );
    expect(eastOnly.statusCode, eastOnly.body).toBe(200);
    expect(eastOnly.json().moved).toMatchObject({ territories: 1, reports: 1, leadForms: 0 });
    expect(await territoryManager(east)).toBe(peerManager.id);
    expect(await managerOf(firstRep.id)).toBe(peerManager.id);

    // The deputy does not see the second rep's account yet: not their report, not their territory.
    const before = await t.request({ method: 'GET', url: `/api/v1/accounts/${secondRepsAccount}`, as: deputy });
    expect(before.statusCode).toBe(404);
    const rest = await handOver(t.admin, { toUserId: deputy.id, team: true }, {}, leavingManager.id);
    expect(rest.json().moved).toMatchObject({ territories: 1, reports: 1, leadForms: 1 });
    const form = await t.request({ method: 'GET', url: `/api/v1/lead-forms/${leadForm}`, as: t.admin });
    expect(form.json().ownerId).toBe(deputy.id);
    expect(await territoryManager(west)).toBe(deputy.id);
    expect(await managerOf(secondRep.id)).toBe(deputy.id);
    // The deputy reported to the leaving manager: now to the boss above them.
    expect(await managerOf(deputy.id)).toBe(boss.id);
    const after = await t.request({ method: 'GET', url: `/api/v1/accounts/${secondRepsAccount}`, as: deputy });
    expect(after.statusCode).toBe(200);
    const notices = await t.request({ method: 'GET', url: '/api/v1/notifications', as: deputy });
    expect(notices.json().data[0]).toMatchObject({
      title: "Max Leaving's records are now yours",
      body: expect.stringMatching(
        /^You were handed 1 territory to manage, 1 person reporting to you and 1 lead form \(by /,
      ),
      entity: 'territories',
    });

    const audit = await t.request({
      method: 'GET',
      url: `/api/v1/audit?entity=users&entityId=${secondRep.id}`,
      as: t.admin,
    });
    expect(audit.json().data[0]).toMatchObject({ action: 'update', after: { managerId: deputy.id } });
  });
});
