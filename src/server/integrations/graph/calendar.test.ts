import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OutlookStub, startOutlookStub } from '../../../../test/helpers/graph-calendar-stub.js';
import {
  createOutlookCalendar,
  type OutlookCalendar,
  OutlookCalendarError,
  type OutlookEventContent,
} from './calendar.js';

let stub: OutlookStub;
let calendar: OutlookCalendar;

beforeAll(async () => {
  stub = await startOutlookStub();
  calendar = createOutlookCalendar(stub.connection);
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
});

const mailbox = 'rita@contoso.com';
const meeting: OutlookEventContent = {
  subject: 'Meeting: Quarterly review',
  body: 'Account: Harvest Co-op\nIn Meridian: https://crm.example.com/accounts/1',
  start: new Date('2027-03-09T07:30:00.000Z'),
  end: new Date('2027-03-09T08:15:00.000Z'),
  location: { displayName: '1 Rue de la Paix, 69001 Lyon', address: { street: '1 Rue de la Paix', city: 'Lyon' } },
  showAs: 'busy',
  reminderMinutes: 15,
};

async function failureOf(promise: Promise<unknown>): Promise<OutlookCalendarError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(OutlookCalendarError);
  return error as OutlookCalendarError;
}

describe('Outlook calendars through Graph', () => {
  it('creates the event in the user’s calendar with the documented fields and an idempotency key', async () => {
    const id = await calendar.createEvent(mailbox, meeting, 'c1a2-key');
    const [create] = stub.requests;
    expect(create?.method).toBe('POST');
    expect(create?.path).toBe('/v1.0/users/rita%40contoso.com/events');
    expect(create?.body).toEqual({
      subject: 'Meeting: Quarterly review',
      body: { contentType: 'text', content: meeting.body },
      start: { dateTime: '2027-03-09T07:30:00.000', timeZone: 'UTC' },
      end: { dateTime: '2027-03-09T08:15:00.000', timeZone: 'UTC' },
      location: meeting.location,
      showAs: 'busy',
      isReminderOn: true,
      reminderMinutesBeforeStart: 15,
      transactionId: 'c1a2-key',
    });
    // A create repeated with the same key (a retry after a crash) answers the same event.
    expect(await calendar.createEvent(mailbox, meeting, 'c1a2-key')).toBe(id);
    expect(stub.eventsOf(mailbox)).toHaveLength(1);
  });

  it('rewrites an event, says when the user deleted it, and removes it', async () => {
    const id = await calendar.createEvent(mailbox, meeting, 'c1a2-update');
    const done = { ...meeting, subject: 'Meeting: Quarterly review (done)', location: null, reminderMinutes: null };
    expect(await calendar.updateEvent(mailbox, id, done)).toBe('updated');
    const patch = stub.requests.at(-1);
    expect(patch?.method).toBe('PATCH');
    expect(patch?.path).toBe(`/v1.0/users/rita%40contoso.com/events/${encodeURIComponent(id)}`);
    expect(patch?.body).toMatchObject({ location: { displayName: '' }, isReminderOn: false });
    expect(patch?.body).not.toHaveProperty('transactionId');
    expect(patch?.body).not.toHaveProperty('reminderMinutesBeforeStart');

    await calendar.deleteEvent(mailbox, id);
    expect(stub.requests.at(-1)?.method).toBe('DELETE');
    expect(stub.eventsOf(mailbox).some((event) => event.id === id)).toBe(false);
    // Gone already (deleted in Outlook): an update says so, a removal is done.
    expect(await calendar.updateEvent(mailbox, id, meeting)).toBe('missing');
    await calendar.deleteEvent(mailbox, id);
    stub.answerNext('DELETE', { status: 410 });
    await calendar.deleteEvent(mailbox, id);
  });

  it('tells throttling with its Retry-After, outages and refusals apart', async () => {
    stub.answerNext('POST', {
      status: 429,
      headers: { 'retry-after': '7' },
      json: { error: { code: 'ApplicationThrottled', message: 'Too many requests' } },
    });
    const throttled = await failureOf(calendar.createEvent(mailbox, meeting, 'k-429'));
    expect(throttled).toMatchObject({ kind: 'throttled', retryAfterMs: 7000 });

    stub.answerNext('PATCH', { status: 503 });
    expect(await failureOf(calendar.updateEvent(mailbox, 'x', meeting))).toMatchObject({ kind: 'throttled' });

    stub.answerNext('DELETE', { status: 502 });
    expect((await failureOf(calendar.deleteEvent(mailbox, 'x'))).kind).toBe('unavailable');

    stub.answerNext('POST', {
      status: 403,
      json: { error: { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' } },
    });
    const denied = await failureOf(calendar.createEvent(mailbox, meeting, 'k-403'));
    expect(denied.kind).toBe('refused');
    expect(denied.message).toBe(
      'Microsoft Graph refused to create the event (403): ErrorAccessDenied: Access is denied. Check credentials and try again.',
    );

    stub.answerNext('POST', { status: 404, json: { error: { code: 'ErrorInvalidUser', message: 'no mailbox' } } });
    expect((await failureOf(calendar.createEvent(mailbox, meeting, 'k-404'))).kind).toBe('refused');
  });

  it('waits when Graph cannot be reached', async () => {
    const unreachable = createOutlookCalendar({ ...stub.connection, loginUrl: 'http://127.0.0.1:9', timeoutMs: 2000 });
    expect((await failureOf(unreachable.createEvent(mailbox, meeting, 'k'))).kind).toBe('unavailable');
  });
});
