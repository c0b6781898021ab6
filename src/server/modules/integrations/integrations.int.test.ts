import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { mailboxSyncStates, outlookEvents } from '../../db/schema/index.js';

let t: TestApp;
let rita: TestUser;
let omar: TestUser;

beforeAll(async () => {
  t = await buildTestApp({
    MERIDIAN_GRAPH_TENANT_ID: 'contoso.onmicrosoft.com',
    MERIDIAN_GRAPH_CLIENT_ID: 'app-id',
    MERIDIAN_GRAPH_CLIENT_SECRET: 'app-secret',
    MERIDIAN_GRAPH_MAILBOX_SYNC: 'true',
    MERIDIAN_GRAPH_CALENDAR_SYNC: 'true',
  });
  rita = await t.createUser({ name: 'Rita Patel' });
  omar = await t.createUser({ name: 'Omar Haddad' });
});
afterAll(async () => {
  await t.close();
});

async function meetingOf(owner: TestUser): Promise<string> {
  const account = await t.request({ method: 'POST', url: '/api/v1/accounts', as: owner, payload: { name: 'Depot' } });
  const meeting = await t.request({
    method: 'POST',
    url: '/api/v1/activities',
    as: owner,
    payload: {
      type: 'meeting',
      subject: 'Review',
      accountId: account.json().id,
      scheduledAt: new Date().toISOString(),
    },
  });
  expect(meeting.statusCode, meeting.body).toBe(201);
  return meeting.json().id;
}

describe('Microsoft 365 status', () => {
  it('counts what the syncs have in hand and names who they fail for, with Graph’s reason', async () => {
    const { db } = t.deps.database;
    const syncedAt = new Date('2026-12-01T08:00:00.000Z');
    await db.insert(mailboxSyncStates).values([
      { userId: rita.id, folder: 'inbox', since: syncedAt, syncedAt },
      { userId: rita.id, folder: 'sentitems', since: syncedAt, syncedAt },
      { userId: omar.id, folder: 'inbox', since: syncedAt, failures: 3, lastError: 'Microsoft Graph 404: no mailbox' },
      { userId: omar.id, folder: 'sentitems', since: syncedAt, failures: 1, lastError: 'throttled' },
    ]);
    const [written, due, failing] = [await meetingOf(rita), await meetingOf(rita), await meetingOf(rita)];
    await db.insert(outlookEvents).values([
      { activityId: written, userId: rita.id, eventId: 'AAMk1', syncedVersion: 1, syncedAt },
      { activityId: due, userId: rita.id, retryAt: new Date() },
      { activityId: failing, userId: rita.id, retryAt: new Date(), failures: 2, lastError: 'Graph 403: denied' },
    ]);

    const status = await t.request({ method: 'GET', url: '/api/v1/integrations/microsoft365', as: t.admin });
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json()).toEqual({
      configured: true,
      mailboxSync: true,
      calendarSync: true,
      mailboxes: { ok: 1, failing: 1 },
      calendars: { synced: 1, due: 1, failing: 1 },
      problems: [
        {
          userId: omar.id,
          name: 'Omar Haddad',
          email: omar.email,
          sync: 'mailbox',
          failures: 3,
          lastError: 'Microsoft Graph 404: no mailbox',
          lastSyncedAt: null,
        },
        {
          userId: rita.id,
          name: 'Rita Patel',
          email: rita.email,
          sync: 'calendar',
          failures: 2,
          lastError: 'Graph 403: denied',
          lastSyncedAt: syncedAt.toISOString(),
        },
      ],
    });
  });

  it('is for admins alone', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/integrations/microsoft365', as: rita })).statusCode).toBe(
      403,
    );
    expect((await t.request({ method: 'GET', url: '/api/v1/integrations/microsoft365' })).statusCode).toBe(401);
  });
});
