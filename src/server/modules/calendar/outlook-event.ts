import { createHash } from 'node:crypto';
import type { OutlookAddress, OutlookEventContent } from '../../integrations/graph/calendar.js';
import { activityAppointment } from './calendar-feed.service.js';
import type { AccountPlace, EventSubject } from './outlook-sync.repository.js';

/** Outlook's own default: a planned appointment reminds a quarter of an hour ahead. */
const REMINDER_MINUTES = 15;

/**
 * An activity as an Outlook event: the same title, times, notes and link back as the calendar
 * subscription; the account's postal address as the place when the activity has no place of its own;
 * busy time; a reminder only for what is planned and still to come.
 */
export function outlookEventOf(
  activity: EventSubject,
  account: AccountPlace | undefined,
  options: { publicUrl: string; now: Date },
): OutlookEventContent {
  const start = activity.scheduledAt as Date;
  const appointment = activityAppointment(
    { ...activity, accountName: account?.name ?? null, accountAddress: account?.address ?? null },
    start,
    options.publicUrl,
  );
  const upcoming = activity.status === 'planned' && start.getTime() > options.now.getTime();
  return {
    subject: appointment.summary,
    body: appointment.description ?? '',
    start: appointment.start,
    end: appointment.end,
    location: placeOf(activity, account),
    showAs: 'busy',
    reminderMinutes: upcoming ? REMINDER_MINUTES : null,
  };
}

function placeOf(activity: EventSubject, account: AccountPlace | undefined): OutlookEventContent['location'] {
  if (activity.locationAddress) return { displayName: activity.locationAddress };
  if (!account?.address) return null;
  const address: OutlookAddress = Object.fromEntries(
    Object.entries({
      street: account.street,
      city: account.city,
      state: account.state,
      postalCode: account.postalCode,
      countryOrRegion: account.country,
    }).filter(([, value]) => Boolean(value)),
  );
  return { displayName: account.address, address };
}

/**
 * Graph's idempotency key for creating an activity's event in one calendar. A create retried after a
 * crash or a timeout repeats it, so Graph answers the event it already made; a later, distinct create
 * (the user deleted the event in Outlook, the activity went to someone else and came back) comes from
 * another moment the event was wanted, so it is never mistaken for the first. Shaped as a GUID, like
 * Microsoft's examples.
 */
export function eventTransactionId(activityId: string, userId: string, wantedAt: Date): string {
  const hex = createHash('sha256').update(`${activityId}:${userId}:${wantedAt.getTime()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
