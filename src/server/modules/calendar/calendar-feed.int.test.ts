import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { inDays } from '../../../../test/helpers/records.js';

let t: TestApp;
let rep: TestUser;
let peer: TestUser;
let accountId: string;

beforeAll(async () => {
  t = await buildTestApp({ MERIDIAN_PUBLIC_URL: 'https://crm.example.com' });
  rep = await t.createUser({ name: 'Rita Patel' });
  peer = await t.createUser();
  accountId = (
    await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: rep,
      payload: { name: 'Harvest, Co-op', address: { street: '1 Rue de la Paix', postalCode: '69001', city: 'Lyon' } },
    })
  ).json().id;
});
afterAll(async () => {
  await t.close();
});

const post = (url: string, payload: Record<string, unknown>, as: TestUser = rep) =>
  t.request({ method: 'POST', url: `/api/v1${url}`, as, payload });

/** The unfolded lines of an iCalendar answer. */
const icsLines = (body: string) => body.replace(/\r\n /g, '').split('\r\n');

/** Each VEVENT as its properties. */
function events(body: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of icsLines(body)) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT' && current) {
      found.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  return found;
}

describe('the calendar subscription', () => {
  it('gives a private address once, that calendar apps read without signing in', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/users/me/calendar-feed', as: rep })).json()).toEqual({
      active: false,
      url: null,
      webcalUrl: null,
      createdAt: null,
      lastReadAt: null,
    });
    const made = await t.request({ method: 'POST', url: '/api/v1/users/me/calendar-feed', as: rep });
    expect(made.statusCode, made.body).toBe(201);
    const { url, webcalUrl } = made.json();
    expect(url).toMatch(/^https:\/\/crm\.example\.com\/api\/v1\/calendar-feeds\/[\w-]{43}$/);
    expect(webcalUrl).toBe(url.replace('https:', 'webcal:'));

    const visit = await post('/activities', {
      type: 'visit',
      subject: 'Quarterly review; bring samples',
      accountId,
      scheduledAt: inDays(2, '08:30'),
      durationMinutes: 45,
      description: 'Check the new silo.\nMeet the buyer.',
    });
    await post('/activities', {
      type: 'call',
      subject: 'Done call',
      accountId,
      scheduledAt: inDays(-1),
      status: 'completed',
    });
    await post('/activities', {
      type: 'meeting',
      subject: 'Called off',
      accountId,
      scheduledAt: inDays(3),
      status: 'cancelled',
    });
    await post('/activities', { type: 'call', subject: 'Long ago', accountId, scheduledAt: inDays(-60) });
    await post('/tasks', { title: 'Send the quote', dueAt: inDays(1, '16:00'), priority: 'high', accountId });
    await post('/tasks', { title: 'Finished task', dueAt: inDays(1), status: 'completed' });
    // Someone else's visit to the same account is not in Rita's calendar.
    await post('/activities', { type: 'visit', subject: 'Peer visit', accountId, scheduledAt: inDays(2) }, peer);

    const feed = await t.request({ method: 'GET', url: new URL(url).pathname });
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(icsLines(feed.body)).toContain('X-WR-CALNAME:Meridian · Rita Patel');

    const found = events(feed.body);
    expect(found.map((event) => event.SUMMARY).sort()).toEqual([
      'Call: Done call (done)',
      'Task: Send the quote (high)',
      'Visit: Quarterly review\\; bring samples',
    ]);
    const visitEvent = found.find((event) => event.SUMMARY?.startsWith('Visit'));
    const start = inDays(2, '08:30').replace(/[-:]/g, '').replace('.000', '');
    expect(visitEvent).toMatchObject({
      UID: `activity-${visit.json().id}@crm.example.com`,
      DTSTART: start,
      DTEND: inDays(2, '09:15').replace(/[-:]/g, '').replace('.000', ''),
      LOCATION: '1 Rue de la Paix\\, 69001 Lyon',
      URL: `https://crm.example.com/accounts/${accountId}`,
      SEQUENCE: '1',
      TRANSP: 'OPAQUE',
    });
    expect(visitEvent?.DESCRIPTION).toBe(
      `Account: Harvest\\, Co-op\\nCheck the new silo.\\nMeet the buyer.\\nIn Meridian: https://crm.example.com/accounts/${accountId}`,
    );
    expect(found.find((event) => event.SUMMARY?.startsWith('Task'))?.TRANSP).toBe('TRANSPARENT');

    const status = (await t.request({ method: 'GET', url: '/api/v1/users/me/calendar-feed', as: rep })).json();
    expect(status).toMatchObject({ active: true, url: null });
    expect(status.lastReadAt).not.toBeNull();
  });

  it('ends the old address when a new one is made, and every address when the subscription ends', async () => {
    const first = (await t.request({ method: 'POST', url: '/api/v1/users/me/calendar-feed', as: peer })).json().url;
    const second = (await t.request({ method: 'POST', url: '/api/v1/users/me/calendar-feed', as: peer })).json().url;
    expect((await t.request({ method: 'GET', url: new URL(first).pathname })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: new URL(second).pathname })).statusCode).toBe(200);

    const ended = await t.request({ method: 'DELETE', url: '/api/v1/users/me/calendar-feed', as: peer });
    expect(ended.statusCode).toBe(204);
    const gone = await t.request({ method: 'GET', url: new URL(second).pathname });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toMatch(/problem\+json/);
    expect((await t.request({ method: 'GET', url: '/api/v1/calendar-feeds/short' })).statusCode).toBe(400);
    // Ending what has ended changes nothing.
    expect((await t.request({ method: 'DELETE', url: '/api/v1/users/me/calendar-feed', as: peer })).statusCode).toBe(
      204,
    );
  });

  it('stops serving the calendar of a user who has been deactivated', async () => {
    const leaver = await t.createUser();
    const url = (await t.request({ method: 'POST', url: '/api/v1/users/me/calendar-feed', as: leaver })).json().url;
    expect((await t.request({ method: 'GET', url: new URL(url).pathname })).statusCode).toBe(200);
    await t.request({ method: 'PATCH', url: `/api/v1/users/${leaver.id}`, as: t.admin, payload: { active: false } });
    expect((await t.request({ method: 'GET', url: new URL(url).pathname })).statusCode).toBe(404);
  });
});
