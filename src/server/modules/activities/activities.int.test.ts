import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { activities, auditLog, leads, opportunities, tasks } from '../../db/schema/index.js';

/**
 * Two reps (one in territory North, under a manager; one in South) and an admin. Accounts and contacts
 * go through the API; leads and opportunities are inserted directly (their modules are built apart).
 */
let t: TestApp;
let manager: TestUser;
let northRep: TestUser;
let southRep: TestUser;
const ids = {} as Record<
  | 'north'
  | 'northAccount'
  | 'northContact'
  | 'northDeal'
  | 'northLead'
  | 'sharedAccount'
  | 'south'
  | 'southAccount'
  | 'southContact'
  | 'southDeal'
  | 'southLead'
  | 'visitAccount',
  string
>;

beforeAll(async () => {
  t = await buildTestApp();
  const territory = async (name: string, managerId: string | null = null) =>
    (await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name, managerId } })).json()
      .id as string;
  manager = await t.createUser({ role: 'manager' });
  ids.north = await territory('Activities North', manager.id);
  ids.south = await territory('Activities South');
  northRep = await t.createUser({ managerId: manager.id, territoryIds: [ids.north] });
  southRep = await t.createUser({ territoryIds: [ids.south] });

  ids.northAccount = await createAccount(northRep, { name: 'North Hardware', territoryId: ids.north });
  ids.southAccount = await createAccount(southRep, { name: 'South Supplies', territoryId: ids.south });
  // Owned by the north rep but in the south territory: the south rep sees it through the territory.
  ids.sharedAccount = await createAccount(northRep, { name: 'Border Traders', territoryId: ids.south });
  ids.visitAccount = await createAccount(northRep, {
    name: 'Mapped Dealer',
    territoryId: ids.north,
    location: { lat: 48.137, lng: 11.575 },
  });
  ids.northContact = await createContact(northRep, ids.northAccount, 'Northcontact');
  ids.southContact = await createContact(southRep, ids.southAccount, 'Southcontact');
  ids.northLead = await insertLead(northRep.id, ids.north);
  ids.southLead = await insertLead(southRep.id, ids.south);
  ids.northDeal = await insertOpportunity(northRep.id, ids.northAccount);
  ids.southDeal = await insertOpportunity(southRep.id, ids.southAccount);
});
afterAll(async () => {
  await t.close();
});

async function createAccount(as: TestUser, payload: Record<string, unknown>) {
  const response = await t.request({ method: 'POST', url: '/api/v1/accounts', as, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function createContact(as: TestUser, accountId: string, lastName: string) {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/contacts',
    as,
    payload: { accountId, firstName: 'Pat', lastName },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function insertLead(ownerId: string, territoryId: string) {
  const id = uuidv7();
  await t.deps.database.db.insert(leads).values({
    id,
    firstName: 'Lee',
    lastName: 'Lead',
    source: 'website',
    stage: 'inquiry',
    status: 'open',
    ownerId,
    territoryId,
  });
  return id;
}

async function insertOpportunity(ownerId: string, accountId: string) {
  const id = uuidv7();
  await t.deps.database.db.insert(opportunities).values({
    id,
    name: 'Deal',
    accountId,
    ownerId,
    stage: 'prospecting',
    probability: 10,
    currency: 'EUR',
    closeDate: '2030-01-31',
  });
  return id;
}

const post = (as: TestUser, url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.request({ method: 'POST', url, as, payload, headers });
const get = (as: TestUser, url: string) => t.request({ method: 'GET', url, as });

async function createActivity(as: TestUser, payload: Record<string, unknown>) {
  const response = await post(as, '/api/v1/activities', { type: 'call', subject: 'Catch up', ...payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

function fieldOf(response: { json(): { errors?: { path: string }[] } }) {
  return response.json().errors?.[0]?.path;
}

describe('activity links', () => {
  it('needs at least one link', async () => {
    const response = await post(northRep, '/api/v1/activities', { type: 'call', subject: 'Orphan' });
    expect(response.statusCode).toBe(400);
    expect(fieldOf(response)).toBe('accountId');
  });

  it('refuses links that do not exist, are deleted or are not visible, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ accountId: ids.southAccount }, 'accountId'],
      [{ contactId: ids.southContact }, 'contactId'],
      [{ leadId: ids.southLead }, 'leadId'],
      [{ opportunityId: ids.southDeal }, 'opportunityId'],
      [{ contactId: uuidv7() }, 'contactId'],
    ];
    for (const [links, field] of cases) {
      const response = await post(northRep, '/api/v1/activities', { type: 'call', subject: 'Hidden', ...links });
      expect(response.statusCode, JSON.stringify(links)).toBe(400);
      expect(fieldOf(response)).toBe(field);
    }
    const doomed = await createAccount(northRep, { name: 'Soon Gone' });
    await t.request({ method: 'DELETE', url: `/api/v1/accounts/${doomed}`, as: northRep });
    const deleted = await post(northRep, '/api/v1/activities', { type: 'call', subject: 'x', accountId: doomed });
    expect(deleted.statusCode).toBe(400);
    expect(fieldOf(deleted)).toBe('accountId');
  });

  it('refuses a contact or opportunity of another account than the linked one', async () => {
    const otherAccount = await createAccount(northRep, { name: 'Other North', territoryId: ids.north });
    const contact = await post(northRep, '/api/v1/activities', {
      type: 'call',
      subject: 'Mismatch',
      accountId: otherAccount,
      contactId: ids.northContact,
    });
    expect(contact.statusCode).toBe(400);
    expect(fieldOf(contact)).toBe('contactId');
    const deal = await post(northRep, '/api/v1/activities', {
      type: 'call',
      subject: 'Mismatch',
      accountId: otherAccount,
      opportunityId: ids.northDeal,
    });
    expect(deal.statusCode).toBe(400);
    expect(fieldOf(deal)).toBe('opportunityId');
    const otherContact = await createContact(northRep, otherAccount, 'Elsewhere');
    const pair = await post(northRep, '/api/v1/activities', {
      type: 'call',
      subject: 'Mismatch',
      contactId: otherContact,
      opportunityId: ids.northDeal,
    });
    expect(pair.statusCode).toBe(400);
    expect(fieldOf(pair)).toBe('opportunityId');
  });

  it('fills the account from a contact or opportunity', async () => {
    const fromContact = await createActivity(northRep, { contactId: ids.northContact });
    expect(fromContact).toMatchObject({ accountId: ids.northAccount, contactId: ids.northContact });
    const fromDeal = await createActivity(northRep, { opportunityId: ids.northDeal, leadId: ids.northLead });
    expect(fromDeal).toMatchObject({
      accountId: ids.northAccount,
      opportunityId: ids.northDeal,
      leadId: ids.northLead,
    });
    const leadOnly = await createActivity(northRep, { leadId: ids.northLead });
    expect(leadOnly).toMatchObject({ accountId: null, leadId: ids.northLead, ownerId: northRep.id });

    // Changing the contact alone keeps the account, so a contact of another account is refused.
    const otherAccount = await createAccount(northRep, { name: 'Moved To', territoryId: ids.north });
    const movedContact = await createContact(northRep, otherAccount, 'Mover');
    const patch = (payload: Record<string, unknown>) =>
      t.request({ method: 'PATCH', url: `/api/v1/activities/${fromContact.id}`, as: northRep, payload });
    expect((await patch({ contactId: movedContact })).statusCode).toBe(400);
    const moved = await patch({ accountId: null, contactId: movedContact });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ accountId: otherAccount, contactId: movedContact });
    expect((await patch({ accountId: null, contactId: null })).statusCode).toBe(400);
  });
});

describe('activity fields', () => {
  it('creates with every field, validates them, and logs past activities as completed', async () => {
    const activity = await createActivity(northRep, {
      type: 'meeting',
      subject: 'Quarterly review',
      description: 'Bring the price list',
      scheduledAt: '2030-03-01T09:30:00.000Z',
      durationMinutes: 90,
      location: { lat: 48.1, lng: 11.5, address: 'Marienplatz 1, Munich' },
      accountId: ids.northAccount,
    });
    expect(activity).toMatchObject({
      type: 'meeting',
      status: 'planned',
      scheduledAt: '2030-03-01T09:30:00.000Z',
      durationMinutes: 90,
      completedAt: null,
      location: { lat: 48.1, lng: 11.5, address: 'Marienplatz 1, Munich' },
      ownerId: northRep.id,
      checkIn: null,
      checkOut: null,
      farFromAccount: false,
      version: 1,
    });
    const logged = await createActivity(northRep, {
      status: 'completed',
      outcome: 'Agreed a trial order',
      accountId: ids.northAccount,
    });
    expect(logged.completedAt).not.toBeNull();
    for (const payload of [
      { type: 'fax' },
      { subject: '' },
      { status: 'done' },
      { durationMinutes: -5 },
      { location: { lat: 91, lng: 0 } },
      { completedAt: '2030-01-01T00:00:00Z' },
      // Completed, but at a time still to come.
      { status: 'completed', completedAt: new Date(Date.now() + 3_600_000).toISOString() },
      { ownerId: uuidv7() },
      { checkIn: null },
    ]) {
      const response = await post(northRep, '/api/v1/activities', {
        type: 'call',
        subject: 'x',
        accountId: ids.northAccount,
        ...payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('moves status by PATCH between planned and cancelled, never to completed', async () => {
    const activity = await createActivity(northRep, { accountId: ids.northAccount });
    const patch = (payload: Record<string, unknown>) =>
      t.request({ method: 'PATCH', url: `/api/v1/activities/${activity.id}`, as: northRep, payload });
    expect((await patch({ status: 'completed' })).statusCode).toBe(400);
    expect((await patch({ status: 'cancelled' })).json().status).toBe('cancelled');
    expect((await patch({ status: 'planned' })).json().status).toBe('planned');
  });

  it('filters, searches and pages by scheduledAt with unscheduled activities last', async () => {
    const account = await createAccount(northRep, { name: 'Paging Co', territoryId: ids.north });
    const times = ['2031-05-03T10:00:00.000Z', '2031-05-01T10:00:00.000Z', null, '2031-05-02T10:00:00.000Z', null];
    const created = [];
    for (const [index, scheduledAt] of times.entries()) {
      created.push(
        await createActivity(northRep, {
          accountId: account,
          subject: `Paging ${index}`,
          scheduledAt,
          type: index === 0 ? 'visit' : 'call',
        }),
      );
    }
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/activities?accountId=${account}&sort=scheduledAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await get(northRep, url)).json();
      pages.push(...page.data.map((activity: { subject: string }) => activity.subject));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.slice(0, 3)).toEqual(['Paging 1', 'Paging 3', 'Paging 0']);
    expect(pages.slice(3).sort()).toEqual(['Paging 2', 'Paging 4']);

    // With a range, unscheduled activities are out and the bare column orders (and pages) the same way.
    const ranged: string[] = [];
    let rangedCursor: string | null = null;
    do {
      const url: string = `/api/v1/activities?accountId=${account}&sort=scheduledAt&scheduledAtFrom=2031-01-01&limit=2${rangedCursor ? `&cursor=${rangedCursor}` : ''}`;
      const page = (await get(northRep, url)).json();
      ranged.push(...page.data.map((activity: { subject: string }) => activity.subject));
      rangedCursor = page.nextCursor;
    } while (rangedCursor);
    expect(ranged).toEqual(['Paging 1', 'Paging 3', 'Paging 0']);

    // Newest first, the unscheduled ones still come last, and paging walks them all.
    const descending: string[] = [];
    let descendingCursor: string | null = null;
    do {
      const url: string = `/api/v1/activities?accountId=${account}&sort=-scheduledAt&limit=2${descendingCursor ? `&cursor=${descendingCursor}` : ''}`;
      const page = (await get(northRep, url)).json();
      descending.push(...page.data.map((activity: { subject: string }) => activity.subject));
      descendingCursor = page.nextCursor;
    } while (descendingCursor);
    expect(descending.slice(0, 3)).toEqual(['Paging 0', 'Paging 3', 'Paging 1']);
    expect(descending.slice(3).sort()).toEqual(['Paging 2', 'Paging 4']);
    const subjects = async (query: string) =>
      (await get(northRep, `/api/v1/activities?accountId=${account}&${query}`))
        .json()
        .data.map((activity: { subject: string }) => activity.subject)
        .sort();
    expect(await subjects('type=visit')).toEqual(['Paging 0']);
    expect(await subjects('scheduledAtFrom=2031-05-02&scheduledAtTo=2031-05-02T23:59:59Z')).toEqual(['Paging 3']);
    // When it stands: a planned activity by its scheduled time.
    expect(await subjects('atFrom=2031-05-02&atTo=2031-05-02')).toEqual(['Paging 3']);
    expect(await subjects('q=ging%203')).toEqual(['Paging 3']);
    expect(await subjects('status=planned&includeTotal=true')).toHaveLength(5);
    const counted = (await get(northRep, `/api/v1/activities?accountId=${account}&includeTotal=true&limit=1`)).json();
    expect(counted.total).toBe(5);
    expect((await get(northRep, '/api/v1/activities?sort=subject')).statusCode).toBe(400);
  });
});

describe('completing an activity', () => {
  it('completes it and creates the follow-up task in the same transaction', async () => {
    const activity = await createActivity(northRep, { contactId: ids.northContact, opportunityId: ids.northDeal });
    const response = await post(manager, `/api/v1/activities/${activity.id}/complete`, {
      outcome: 'They want a quote',
      nextSteps: 'Send the quote',
      location: { lat: 48.2, lng: 11.6 },
      followUpTask: { title: 'Send quote', dueAt: '2030-04-01T12:00:00.000Z' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers.etag).toBe('"2"');
    // The activity itself, as every action answers, with the task it created beside its fields.
    const { followUpTask, ...completed } = response.json();
    expect(completed).toMatchObject({
      status: 'completed',
      outcome: 'They want a quote',
      nextSteps: 'Send the quote',
      location: { lat: 48.2, lng: 11.6, address: null },
      version: 2,
    });
    expect(Date.now() - Date.parse(completed.completedAt)).toBeLessThan(60_000);
    expect(followUpTask).toMatchObject({
      title: 'Send quote',
      type: 'follow_up',
      priority: 'medium',
      status: 'open',
      dueAt: '2030-04-01T12:00:00.000Z',
      assigneeId: northRep.id,
    });

    const [task] = await t.deps.database.db.select().from(tasks).where(eq(tasks.id, followUpTask.id));
    expect(task).toMatchObject({
      assigneeId: northRep.id,
      createdById: manager.id,
      accountId: ids.northAccount,
      contactId: ids.northContact,
      leadId: null,
      opportunityId: ids.northDeal,
      status: 'open',
      type: 'follow_up',
      priority: 'medium',
    });
    const audits = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'tasks'), eq(auditLog.entityId, followUpTask.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'create', actorId: manager.id });

    const again = await post(northRep, `/api/v1/activities/${activity.id}/complete`, {
      outcome: 'Twice',
      followUpTask: { title: 'Duplicate', dueAt: '2030-04-01T12:00:00.000Z' },
    });
    expect(again.statusCode).toBe(409);
    expect(await t.deps.database.db.$count(tasks, eq(tasks.title, 'Duplicate'))).toBe(0);
  });

  it('names another assignee, priority and type, and rolls back when the task is invalid', async () => {
    const activity = await createActivity(northRep, { accountId: ids.northAccount });
    const invalid = await post(northRep, `/api/v1/activities/${activity.id}/complete`, {
      outcome: 'Done',
      followUpTask: { title: 'Call back', dueAt: '2030-04-01T12:00:00Z', assigneeId: uuidv7() },
    });
    expect(invalid.statusCode).toBe(400);
    expect((await get(northRep, `/api/v1/activities/${activity.id}`)).json()).toMatchObject({
      status: 'planned',
      version: 1,
    });
    const response = await post(northRep, `/api/v1/activities/${activity.id}/complete`, {
      outcome: 'Done',
      followUpTask: {
        title: 'Call back',
        dueAt: '2030-04-01T12:00:00Z',
        assigneeId: manager.id,
        priority: 'urgent',
        type: 'reminder',
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().followUpTask).toMatchObject({
      assigneeId: manager.id,
      priority: 'urgent',
      type: 'reminder',
    });
  });

  it('refuses cancelled activities, stale versions and bad input', async () => {
    const activity = await createActivity(northRep, { accountId: ids.northAccount, status: 'cancelled' });
    const cancelled = await post(northRep, `/api/v1/activities/${activity.id}/complete`, { outcome: 'x' });
    expect(cancelled.statusCode).toBe(409);
    const planned = await createActivity(northRep, { accountId: ids.northAccount });
    expect((await post(northRep, `/api/v1/activities/${planned.id}/complete`, {})).statusCode).toBe(400);
    const stale = await post(
      northRep,
      `/api/v1/activities/${planned.id}/complete`,
      { outcome: 'x' },
      { 'if-match': '"7"' },
    );
    expect(stale.statusCode).toBe(412);
    const plain = await post(northRep, `/api/v1/activities/${planned.id}/complete`, { outcome: 'x' });
    expect(plain.statusCode).toBe(200);
    expect(plain.json().followUpTask).toBeNull();
    expect((await post(southRep, `/api/v1/activities/${planned.id}/complete`, { outcome: 'x' })).statusCode).toBe(404);
  });
});

describe('field visits', () => {
  // 0.0009° of latitude is about 100 m; 0.009° about 1 km.
  const near = { lat: 48.1379, lng: 11.575, accuracy: 12 };
  const far = { lat: 48.146, lng: 11.575, accuracy: 8 };

  it('stores check-in and check-out with distances and flags a visit beyond the radius', async () => {
    const visit = await createActivity(northRep, { type: 'visit', accountId: ids.visitAccount });
    // Planned without a place, a visit is planned at its account's, so it is on the map from the start.
    expect(visit.location).toEqual({ lat: 48.137, lng: 11.575, address: null });
    const call = await createActivity(northRep, { type: 'call', accountId: ids.visitAccount });
    expect(call.location).toBeNull();
    const url = (step: string) => `/api/v1/activities/${visit.id}/${step}`;
    expect((await post(northRep, url('check-out'), near)).statusCode).toBe(409);

    const checkIn = await post(northRep, url('check-in'), near);
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    const afterIn = checkIn.json();
    expect(afterIn.checkIn).toMatchObject({ lat: near.lat, lng: near.lng, accuracy: 12 });
    expect(afterIn.checkIn.distanceMeters).toBeGreaterThan(95);
    expect(afterIn.checkIn.distanceMeters).toBeLessThan(105);
    expect(afterIn.farFromAccount).toBe(false);
    expect(afterIn.checkOut).toBeNull();
    expect((await post(northRep, url('check-in'), near)).statusCode).toBe(409);

    const checkOut = await post(northRep, url('check-out'), far);
    expect(checkOut.statusCode).toBe(200);
    const afterOut = checkOut.json();
    expect(afterOut.checkOut.distanceMeters).toBeGreaterThan(990);
    expect(afterOut.checkOut.distanceMeters).toBeLessThan(1010);
    expect(afterOut.farFromAccount).toBe(true);
    expect(Date.parse(afterOut.checkOut.at)).toBeGreaterThanOrEqual(Date.parse(afterOut.checkIn.at));
    expect((await post(northRep, url('check-out'), near)).statusCode).toBe(409);
    expect((await get(northRep, `/api/v1/activities/${visit.id}`)).json()).toMatchObject({
      farFromAccount: true,
      version: 3,
    });
  });

  it('takes the time between check-in and check-out as the time the visit lasted', async () => {
    const visit = await createActivity(northRep, { type: 'visit', accountId: ids.visitAccount, durationMinutes: 60 });
    const url = (step: string) => `/api/v1/activities/${visit.id}/${step}`;
    expect((await post(northRep, url('check-in'), near)).statusCode).toBe(200);
    // The rep arrived 45 minutes ago.
    await t.deps.database.db
      .update(activities)
      .set({ checkInAt: new Date(Date.now() - 45 * 60_000) })
      .where(eq(activities.id, visit.id));
    const checkOut = await post(northRep, url('check-out'), near);
    expect(checkOut.json().durationMinutes).toBe(45);
    const completed = await post(northRep, `/api/v1/activities/${visit.id}/complete`, { outcome: 'Demo done' });
    expect(completed.json()).toMatchObject({ status: 'completed', durationMinutes: 45 });
  });

  it('measures the position a visit is completed at as a check-in would be, keeping the planned address there', async () => {
    const planned = { lat: near.lat, lng: near.lng, address: '12 Marienplatz' };
    const here = await createActivity(northRep, { type: 'visit', accountId: ids.visitAccount, location: planned });
    const doneHere = await post(northRep, `/api/v1/activities/${here.id}/complete`, {
      outcome: 'Ordered',
      location: { lat: near.lat + 0.0001, lng: near.lng },
    });
    expect(doneHere.statusCode, doneHere.body).toBe(200);
    expect(doneHere.json()).toMatchObject({
      farFromAccount: false,
      location: { lat: near.lat + 0.0001, lng: near.lng, address: '12 Marienplatz' },
    });

    const away = await createActivity(northRep, { type: 'visit', accountId: ids.visitAccount, location: planned });
    const doneAway = await post(northRep, `/api/v1/activities/${away.id}/complete`, {
      outcome: 'Met at the trade fair instead',
      location: { lat: far.lat, lng: far.lng },
    });
    expect(doneAway.json()).toMatchObject({
      farFromAccount: true,
      location: { lat: far.lat, lng: far.lng, address: null },
    });
  });

  it('flags a check-in beyond the radius and leaves the distance empty without an account location', async () => {
    const farVisit = await createActivity(northRep, { type: 'visit', accountId: ids.visitAccount });
    const farIn = (await post(northRep, `/api/v1/activities/${farVisit.id}/check-in`, far)).json();
    expect(farIn.farFromAccount).toBe(true);

    const unmapped = await createActivity(northRep, { type: 'visit', accountId: ids.northAccount });
    const response = await post(northRep, `/api/v1/activities/${unmapped.id}/check-in`, far);
    expect(response.json().checkIn.distanceMeters).toBeNull();
    expect(response.json().farFromAccount).toBe(false);
  });

  it('refuses invalid positions, non-visits and cancelled visits', async () => {
    const visit = await createActivity(northRep, { type: 'visit', accountId: ids.visitAccount });
    for (const position of [
      { lat: 90.5, lng: 0, accuracy: 5 },
      { lat: -91, lng: 0, accuracy: 5 },
      { lat: 0, lng: 180.01, accuracy: 5 },
      { lat: 0, lng: -181, accuracy: 5 },
      { lat: 0, lng: 0, accuracy: -1 },
      { lat: 0, lng: 0 },
      { lat: '48', lng: 0, accuracy: 5 },
    ]) {
      const response = await post(northRep, `/api/v1/activities/${visit.id}/check-in`, position);
      expect(response.statusCode, JSON.stringify(position)).toBe(400);
    }
    const call = await createActivity(northRep, { type: 'call', accountId: ids.visitAccount });
    expect((await post(northRep, `/api/v1/activities/${call.id}/check-in`, near)).statusCode).toBe(409);
    const cancelled = await createActivity(northRep, {
      type: 'visit',
      accountId: ids.visitAccount,
      status: 'cancelled',
    });
    expect((await post(northRep, `/api/v1/activities/${cancelled.id}/check-in`, near)).statusCode).toBe(409);
    // A checked-in visit keeps its type.
    await post(northRep, `/api/v1/activities/${visit.id}/check-in`, near);
    const retype = await t.request({
      method: 'PATCH',
      url: `/api/v1/activities/${visit.id}`,
      as: northRep,
      payload: { type: 'call' },
    });
    expect(retype.statusCode).toBe(409);
    // And its account: the check-in's distance was measured from it.
    const moved = await t.request({
      method: 'PATCH',
      url: `/api/v1/activities/${visit.id}`,
      as: northRep,
      payload: { accountId: ids.northAccount },
    });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().errors).toEqual([{ path: 'accountId', message: 'the activity has a check-in at its account' }]);
    const kept = await t.request({ method: 'GET', url: `/api/v1/activities/${visit.id}`, as: northRep });
    expect(kept.json()).toMatchObject({ accountId: ids.visitAccount, type: 'visit' });
  });
});

describe('activity visibility and writes', () => {
  it('shows an activity to its owner team and to whoever sees a linked record', async () => {
    const own = await createActivity(northRep, { accountId: ids.northAccount, subject: 'Own' });
    const shared = await createActivity(northRep, { accountId: ids.sharedAccount, subject: 'Shared' });
    // The south rep sees this through the lead they own, not through the account or the owner.
    const viaLead = await createActivity(t.admin, {
      ownerId: northRep.id,
      accountId: ids.northAccount,
      leadId: ids.southLead,
      subject: 'Via lead',
    });
    const viaDeal = await createActivity(t.admin, {
      ownerId: null,
      opportunityId: ids.southDeal,
      subject: 'Via deal',
    });
    // A deal the south rep owns at an account they cannot see: the deal alone makes the activity visible.
    const southDealAtNorth = await insertOpportunity(southRep.id, ids.northAccount);
    const viaOwnDeal = await createActivity(t.admin, {
      ownerId: northRep.id,
      opportunityId: southDealAtNorth,
      subject: 'Via own deal',
    });

    const listed = async (as: TestUser) =>
      new Set(
        (await get(as, '/api/v1/activities?limit=200')).json().data.map((activity: { id: string }) => activity.id),
      );
    const south = await listed(southRep);
    expect(south.has(own.id)).toBe(false);
    expect(south.has(shared.id)).toBe(true);
    expect(south.has(viaLead.id)).toBe(true);
    expect(south.has(viaDeal.id)).toBe(true);
    expect(south.has(viaOwnDeal.id)).toBe(true);
    const north = await listed(northRep);
    expect([own.id, shared.id, viaLead.id].every((id) => north.has(id))).toBe(true);
    expect(north.has(viaDeal.id)).toBe(false);
    const admin = await listed(t.admin);
    expect([own.id, shared.id, viaLead.id, viaDeal.id].every((id) => admin.has(id))).toBe(true);
    expect((await listed(manager)).has(own.id)).toBe(true);

    expect((await get(southRep, `/api/v1/activities/${own.id}`)).statusCode).toBe(404);
    expect((await get(southRep, `/api/v1/activities/${shared.id}`)).statusCode).toBe(200);
    expect((await get(northRep, `/api/v1/activities/${viaDeal.id}`)).statusCode).toBe(404);
    expect((await get(southRep, `/api/v1/activities/${viaOwnDeal.id}`)).statusCode).toBe(200);
    expect((await get(southRep, `/api/v1/accounts/${ids.northAccount}`)).statusCode).toBe(404);
  });

  it('lets owners, their managers and admins change; others who see it get 403, others 404', async () => {
    const shared = await createActivity(northRep, { accountId: ids.sharedAccount, subject: 'Shared write' });
    const own = await createActivity(northRep, { accountId: ids.northAccount, subject: 'Own write' });
    const patch = (as: TestUser, id: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.request({ method: 'PATCH', url: `/api/v1/activities/${id}`, as, payload, headers });
    expect((await patch(southRep, shared.id, { subject: 'Mine now' })).statusCode).toBe(403);
    expect((await patch(southRep, own.id, { subject: 'Mine now' })).statusCode).toBe(404);
    expect((await post(southRep, `/api/v1/activities/${shared.id}/complete`, { outcome: 'x' })).statusCode).toBe(403);
    expect(
      (await t.request({ method: 'DELETE', url: `/api/v1/activities/${shared.id}`, as: southRep })).statusCode,
    ).toBe(403);
    expect((await patch(manager, own.id, { subject: 'By manager' })).statusCode).toBe(200);
    expect((await patch(t.admin, own.id, { subject: 'By admin' })).statusCode).toBe(200);

    const stale = await patch(northRep, own.id, { subject: 'Stale' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    const fresh = await patch(northRep, own.id, { subject: 'Fresh' }, { 'if-match': '"3"' });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).toBe('"4"');

    expect((await t.request({ method: 'DELETE', url: `/api/v1/activities/${own.id}`, as: northRep })).statusCode).toBe(
      204,
    );
    expect((await get(northRep, `/api/v1/activities/${own.id}`)).statusCode).toBe(404);
    const restored = await post(northRep, `/api/v1/activities/${own.id}/restore`, {});
    expect(restored.statusCode).toBe(200);
    expect(restored.json().subject).toBe('Fresh');
  });

  it('replays a create with the same Idempotency-Key and creates nothing new', async () => {
    const account = await createAccount(northRep, { name: 'Idempotent Co', territoryId: ids.north });
    const payload = { type: 'email', subject: 'Once', accountId: account };
    const headers = { 'idempotency-key': `activity-${uuidv7()}` };
    const first = await post(northRep, '/api/v1/activities', payload, headers);
    const second = await post(northRep, '/api/v1/activities', payload, headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    const listed = (await get(northRep, `/api/v1/activities?accountId=${account}&includeTotal=true`)).json();
    expect(listed.total).toBe(1);
    const reused = await post(northRep, '/api/v1/activities', { ...payload, subject: 'Other' }, headers);
    expect(reused.statusCode).toBe(409);
  });
});
