import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { type OutlookStub, startOutlookStub } from '../../../../test/helpers/graph-calendar-stub.js';
import { inDays } from '../../../../test/helpers/records.js';
import { outlookEvents } from '../../db/schema/index.js';
import { createOutlookCalendar, type OutlookCalendar } from '../../integrations/graph/calendar.js';
import { jobDefinitions } from '../../jobs/definitions.js';
import { outlookCalendarJob } from '../../jobs/outlook-calendar.job.js';
import { syncOutlookCalendars } from './outlook-sync.service.js';

let t: TestApp;
let stub: OutlookStub;
let rep: TestUser;
let peer: TestUser;
let accountId: string;

beforeAll(async () => {
  stub = await startOutlookStub();
  const { connection } = stub;
  t = await buildTestApp({
    MERIDIAN_PUBLIC_URL: 'https://crm.example.com',
    MERIDIAN_GRAPH_TENANT_ID: connection.tenantId,
    MERIDIAN_GRAPH_CLIENT_ID: connection.clientId,
    MERIDIAN_GRAPH_CLIENT_SECRET: connection.clientSecret,
    MERIDIAN_GRAPH_LOGIN_URL: connection.loginUrl,
    MERIDIAN_GRAPH_API_URL: connection.apiUrl,
    MERIDIAN_GRAPH_CALENDAR_SYNC: 'true',
  });
  rep = await t.createUser({ name: 'Rita Patel' });
  peer = await t.createUser({ name: 'Paul Ng' });
  accountId = (
    await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: rep,
      payload: { name: 'Harvest Co-op', address: { street: '1 Rue de la Paix', postalCode: '69001', city: 'Lyon' } },
    })
  ).json().id;
  // The first round starts the cursors: what exists from now on is what the tests make.
  await sync();
});
afterAll(async () => {
  await t?.close();
  await stub?.close();
});

/**
 * One round as the job runs it, reading changes at once: the job waits a few seconds for transactions
 * to settle, which a test that writes and then syncs has no need of.
 */
const sync = (calendar?: OutlookCalendar) => syncOutlookCalendars(t.deps, { settleMs: 0, calendar });

async function plan(subject: string, extra: Record<string, unknown> = {}, as: TestUser = rep): Promise<string> {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/activities',
    as,
    payload: { type: 'meeting', subject, accountId, scheduledAt: inDays(3), durationMinutes: 45, ...extra },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

const change = async (id: string, payload: Record<string, unknown>, as: TestUser | string = rep) => {
  const response = await t.request({ method: 'PATCH', url: `/api/v1/activities/${id}`, as, payload });
  expect(response.statusCode, response.body).toBe(200);
};

const rowOf = async (activityId: string) =>
  (await t.deps.database.db.select().from(outlookEvents).where(eq(outlookEvents.activityId, activityId)))[0];

/** The events of a mailbox whose title names this subject. */
const eventsTitled = (user: TestUser, subject: string) =>
  stub.eventsOf(user.email).filter((event) => String(event.subject).includes(subject));

const requestsFor = (eventId: string) =>
  stub.requests.filter((request) => request.path.endsWith(`/events/${encodeURIComponent(eventId)}`));

describe('Office 365 calendar push', () => {
  it('is a recurring job of the worker', () => {
    expect(jobDefinitions).toContain(outlookCalendarJob);
    expect(outlookCalendarJob.schedule).toBeDefined();
  });

  it('creates one event for a planned meeting, with its time, place and link back', async () => {
    const id = await plan('Quarterly review');
    await sync();
    await sync();
    const [event, ...others] = eventsTitled(rep, 'Quarterly review');
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      subject: 'Meeting: Quarterly review',
      body: {
        contentType: 'text',
        content: `Account: Harvest Co-op\nIn Meridian: https://crm.example.com/accounts/${accountId}`,
      },
      start: { dateTime: inDays(3).replace('Z', ''), timeZone: 'UTC' },
      end: { dateTime: inDays(3, '09:45').replace('Z', ''), timeZone: 'UTC' },
      location: {
        displayName: '1 Rue de la Paix, 69001 Lyon',
        address: { street: '1 Rue de la Paix', postalCode: '69001', city: 'Lyon' },
      },
      showAs: 'busy',
      isReminderOn: true,
      reminderMinutesBeforeStart: 15,
    });
    expect(event?.transactionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await rowOf(id)).toMatchObject({ userId: rep.id, eventId: event?.id, retryAt: null, failures: 0 });
  });

  it('rewrites the event when the activity changes, and removes it when cancelled', async () => {
    const id = await plan('Silo inspection');
    await sync();
    const eventId = eventsTitled(rep, 'Silo inspection')[0]?.id as string;

    await change(id, { scheduledAt: inDays(5, '14:00'), subject: 'Silo inspection, moved' });
    await sync();
    expect(requestsFor(eventId).map((request) => request.method)).toEqual(['PATCH']);
    expect(eventsTitled(rep, 'Silo inspection')).toMatchObject([
      { id: eventId, subject: 'Meeting: Silo inspection, moved', start: { dateTime: inDays(5, '14:00').slice(0, -1) } },
    ]);

    await change(id, { status: 'cancelled' });
    await sync();
    expect(requestsFor(eventId).map((request) => request.method)).toEqual(['PATCH', 'DELETE']);
    expect(eventsTitled(rep, 'Silo inspection')).toEqual([]);
    expect(await rowOf(id)).toBeUndefined();
  });

  it('removes the event of a deleted activity, and writes it again when the activity is restored', async () => {
    const id = await plan('Tasting');
    await sync();
    expect(eventsTitled(rep, 'Tasting')).toHaveLength(1);

    const deleted = await t.request({ method: 'DELETE', url: `/api/v1/activities/${id}`, as: rep });
    expect(deleted.statusCode, deleted.body).toBe(204);
    await sync();
    expect(eventsTitled(rep, 'Tasting')).toEqual([]);
    expect(await rowOf(id)).toBeUndefined();

    const restored = await t.request({ method: 'POST', url: `/api/v1/activities/${id}/restore`, as: rep });
    expect(restored.statusCode, restored.body).toBe(200);
    await sync();
    expect(eventsTitled(rep, 'Tasting')).toHaveLength(1);
  });

  it('moves the event to the new owner’s calendar when the activity is reassigned', async () => {
    const id = await plan('Handover visit', { type: 'visit' });
    await sync();
    expect(eventsTitled(rep, 'Handover visit')).toHaveLength(1);

    await change(id, { ownerId: peer.id }, t.admin);
    await sync();
    expect(eventsTitled(rep, 'Handover visit')).toEqual([]);
    expect(eventsTitled(peer, 'Handover visit')).toMatchObject([{ subject: 'Visit: Handover visit' }]);
    expect(await rowOf(id)).toMatchObject({ userId: peer.id, retryAt: null });
  });

  it('pushes neither tasks nor unscheduled activities, and marks completed ones done', async () => {
    await plan('Prepare the offer', { type: 'task' });
    await plan('Call back some day', { type: 'call', scheduledAt: null });
    const done = await plan('Harvest call', { type: 'call', scheduledAt: inDays(-2), status: 'completed' });
    await sync();
    expect(eventsTitled(rep, 'Prepare the offer')).toEqual([]);
    expect(eventsTitled(rep, 'Call back some day')).toEqual([]);
    expect(eventsTitled(rep, 'Harvest call')).toMatchObject([
      { subject: 'Call: Harvest call (done)', isReminderOn: false },
    ]);
    expect(await rowOf(done)).toMatchObject({ retryAt: null });
  });

  it('does not duplicate an event when a worker died after creating it', async () => {
    const id = await plan('Board meeting');
    const real = createOutlookCalendar(stub.connection);
    const dying: OutlookCalendar = {
      ...real,
      async createEvent(...args) {
        await real.createEvent(...args);
        throw new Error('worker killed before saving the event id');
      },
    };
    await expect(sync(dying)).rejects.toThrow('worker killed');
    expect(await rowOf(id)).toMatchObject({ eventId: null });
    expect(eventsTitled(rep, 'Board meeting')).toHaveLength(1);

    // Nothing happens while the dead worker's lease runs; once it has run out, the next round retries.
    await sync();
    expect((await rowOf(id))?.eventId).toBeNull();
    await expireLease(id);
    await sync();
    const [event, ...others] = eventsTitled(rep, 'Board meeting');
    expect(others).toEqual([]);
    expect(await rowOf(id)).toMatchObject({ eventId: event?.id, retryAt: null });

    // A worker that died after saving the event id rewrites that event, and makes no other.
    await change(id, { subject: 'Board meeting, agenda set' });
    const dyingOnUpdate: OutlookCalendar = {
      ...real,
      async updateEvent(...args) {
        await real.updateEvent(...args);
        throw new Error('worker killed before finishing');
      },
    };
    await expect(sync(dyingOnUpdate)).rejects.toThrow('worker killed');
    await expireLease(id);
    await sync();
    expect(eventsTitled(rep, 'Board meeting')).toMatchObject([
      { id: event?.id, subject: 'Meeting: Board meeting, agenda set' },
    ]);
    expect(await rowOf(id)).toMatchObject({ eventId: event?.id, retryAt: null });
  });

  it('writes again an event the user deleted in Outlook, at the next change', async () => {
    const id = await plan('Supplier lunch');
    await sync();
    const first = eventsTitled(rep, 'Supplier lunch')[0]?.id as string;
    stub.events.get(rep.email)?.delete(first);

    await change(id, { durationMinutes: 90 });
    await sync();
    const [again, ...others] = eventsTitled(rep, 'Supplier lunch');
    expect(others).toEqual([]);
    expect(again?.id).not.toBe(first);
    expect(again?.end).toMatchObject({ dateTime: inDays(3, '10:30').slice(0, -1) });
    expect(await rowOf(id)).toMatchObject({ eventId: again?.id, retryAt: null });
  });

  it('leaves a throttled event for a later round, as late as Graph asked', async () => {
    const id = await plan('Throttled demo');
    stub.answerNext('POST', {
      status: 429,
      headers: { 'retry-after': '120' },
      json: { error: { code: 'ApplicationThrottled', message: 'Too many requests' } },
    });
    const before = Date.now();
    expect(await sync()).toMatchObject({ retrying: 1 });
    const throttled = await rowOf(id);
    expect(throttled).toMatchObject({ eventId: null, failures: 1, leaseUntil: null });
    expect(throttled?.lastError).toMatch(/429.*ApplicationThrottled/);
    expect(throttled?.retryAt?.getTime()).toBeGreaterThanOrEqual(before + 120_000);
    expect(eventsTitled(rep, 'Throttled demo')).toEqual([]);

    await sync();
    expect(eventsTitled(rep, 'Throttled demo')).toEqual([]);
    // The time Graph asked for has passed.
    await t.deps.database.db
      .update(outlookEvents)
      .set({ retryAt: new Date(Date.now() - 1000) })
      .where(eq(outlookEvents.activityId, id));
    await sync();
    expect(eventsTitled(rep, 'Throttled demo')).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ failures: 0, lastError: null, retryAt: null });
  });

  it('records a refusal and backs off further each time', async () => {
    const id = await plan('Refused meeting');
    const denied = {
      status: 403,
      json: { error: { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' } },
    };
    stub.answerNext('POST', denied);
    await sync();
    const first = await rowOf(id);
    expect(first).toMatchObject({ failures: 1 });
    expect(first?.lastError).toMatch(/403/);

    await t.deps.database.db
      .update(outlookEvents)
      .set({ retryAt: sql`now() - interval '1 second'` })
      .where(eq(outlookEvents.activityId, id));
    stub.answerNext('POST', denied);
    const before = Date.now();
    await sync();
    const second = await rowOf(id);
    expect(second).toMatchObject({ failures: 2 });
    // The second wait is longer than the first (1 minute, then 2).
    expect(second?.retryAt?.getTime()).toBeGreaterThanOrEqual(before + 120_000);
  });
});

async function expireLease(activityId: string) {
  await t.deps.database.db
    .update(outlookEvents)
    .set({ leaseUntil: new Date(Date.now() - 1000) })
    .where(eq(outlookEvents.activityId, activityId));
}
