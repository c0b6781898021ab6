import type { CalendarFeed } from '../../../shared/contracts/calendar.js';
import { AppError } from '../../../shared/errors.js';
import { valueLabel } from '../../../shared/labels.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import type { Viewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import { viewerForUser } from '../auth/auth.service.js';
import { randomToken, sha256 } from '../auth/secrets.js';
import {
  deleteFeed,
  type FeedRow,
  feedActivities,
  feedTasks,
  findFeedOf,
  findFeedUser,
  replaceFeed,
  touchFeed,
} from './calendar-feed.repository.js';
import { type CalendarEvent, calendarDocument } from './ical.js';

const ENTITY = 'calendar_feeds';
/** What a calendar shows: the last month, for looking back, and the year ahead (the feed and Outlook alike). */
export const CALENDAR_WINDOW = { pastDays: 30, futureDays: 365 } as const;
export const DAY_MS = 86_400_000;
/** Of each kind: a feed of thousands of events makes calendar apps slow or give up. */
const MAX_EVENTS = 2_000;
const DEFAULT_ACTIVITY_MINUTES = 30;
const TASK_MINUTES = 15;

/**
 * Makes the caller's calendar subscription, or a new address for it (the old one stops working): a
 * 256-bit token in the address, of which only the SHA-256 is kept. The address is in the answer once.
 */
export async function createCalendarFeed(deps: Deps, viewer: Viewer): Promise<CalendarFeed> {
  const token = randomToken();
  const row = await inTransaction(deps.database.db, async (tx) => {
    const before = await findFeedOf(tx, viewer.userId);
    const feed = await replaceFeed(tx, viewer.userId, sha256(token));
    await recordChange(tx, viewer, {
      action: before ? 'update' : 'create',
      entity: ENTITY,
      entityId: viewer.userId,
      before: before ? { createdAt: before.createdAt.toISOString() } : null,
      after: { createdAt: feed.createdAt.toISOString() },
    });
    return feed;
  });
  const url = `${deps.config.publicUrl}/api/v1/calendar-feeds/${token}`;
  return { ...statusOf(row), url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}

export async function getCalendarFeed(deps: Deps, viewer: Viewer): Promise<CalendarFeed> {
  return statusOf(await findFeedOf(deps.database.db, viewer.userId));
}

/** Ends the subscription: calendar apps get 404 from then on and stop showing new events. */
export async function deleteCalendarFeed(deps: Deps, viewer: Viewer): Promise<void> {
  await inTransaction(deps.database.db, async (tx) => {
    const before = await findFeedOf(tx, viewer.userId);
    if (!(await deleteFeed(tx, viewer.userId)) || !before) return;
    await recordChange(tx, viewer, {
      action: 'delete',
      entity: ENTITY,
      entityId: viewer.userId,
      before: { createdAt: before.createdAt.toISOString() },
      after: null,
    });
  });
}

/**
 * The feed behind a token, as iCalendar: the user's own scheduled activities (not cancelled) and the
 * tasks they still have to do, from a month ago to a year ahead, each read as that user would read it.
 * An unknown token, or one of a user who has left, is 404.
 */
export async function renderCalendarFeed(deps: Deps, token: string, now = new Date()): Promise<string> {
  const { db } = deps.database;
  const user = await findFeedUser(db, sha256(token));
  if (!user) throw new AppError('not_found', 'no calendar has this address: it may have been replaced or ended');
  const viewer = await viewerForUser(deps, user.id);
  const window = {
    from: new Date(now.getTime() - CALENDAR_WINDOW.pastDays * DAY_MS),
    until: new Date(now.getTime() + CALENDAR_WINDOW.futureDays * DAY_MS),
    limit: MAX_EVENTS,
  };
  const [activityRows, taskRows] = await Promise.all([
    feedActivities(db, viewer, window),
    feedTasks(db, viewer, window),
  ]);
  await touchFeed(db, user.id);
  const { publicUrl } = deps.config;
  const host = new URL(publicUrl).hostname;
  const events: CalendarEvent[] = [
    ...activityRows.map((activity) => {
      return {
        ...activityAppointment(activity, activity.scheduledAt as Date, publicUrl),
        uid: `activity-${activity.id}@${host}`,
        status: 'CONFIRMED' as const,
        sequence: activity.version,
        lastModified: activity.updatedAt,
        transparent: false,
      };
    }),
    ...taskRows.map((task) => {
      const start = task.dueAt as Date;
      return {
        uid: `task-${task.id}@${host}`,
        start,
        end: new Date(start.getTime() + TASK_MINUTES * 60_000),
        summary: `Task: ${task.title}${task.priority === 'urgent' || task.priority === 'high' ? ` (${task.priority})` : ''}`,
        description: lines([
          task.accountName && `Account: ${task.accountName}`,
          task.description,
          `In Meridian: ${publicUrl}/tasks?task=${task.id}`,
        ]),
        location: null,
        url: `${publicUrl}/tasks?task=${task.id}`,
        status: 'CONFIRMED' as const,
        sequence: task.version,
        lastModified: task.updatedAt,
        // A due time is not a meeting: it leaves the time free for others who look at the calendar.
        transparent: true,
      };
    }),
  ];
  return calendarDocument({ name: `Meridian · ${user.name}`, events, now });
}

function statusOf(row: FeedRow | undefined): CalendarFeed {
  return {
    active: Boolean(row),
    url: null,
    webcalUrl: null,
    createdAt: row?.createdAt.toISOString() ?? null,
    lastReadAt: row?.lastReadAt?.toISOString() ?? null,
  };
}

/** What an activity shows in a calendar, written once for the subscription and for Outlook. */
export type AppointmentSource = {
  type: string;
  subject: string;
  description: string | null;
  status: string;
  outcome: string | null;
  durationMinutes: number | null;
  locationAddress: string | null;
  accountName: string | null;
  accountAddress: string | null;
  accountId: string | null;
  contactId: string | null;
  leadId: string | null;
  opportunityId: string | null;
};

/**
 * An activity as a calendar entry: its type and subject as the title (a completed one marked done), its
 * duration (30 minutes when unset), its own place or its account's address, and notes ending with the
 * link back to its record.
 */
export function activityAppointment(activity: AppointmentSource, start: Date, publicUrl: string) {
  const record = linkedRecordPath(activity);
  return {
    start,
    end: new Date(start.getTime() + (activity.durationMinutes ?? DEFAULT_ACTIVITY_MINUTES) * 60_000),
    summary: `${valueLabel(activity.type)}: ${activity.subject}${activity.status === 'completed' ? ' (done)' : ''}`,
    description: lines([
      activity.accountName && `Account: ${activity.accountName}`,
      activity.description,
      activity.outcome && `Outcome: ${activity.outcome}`,
      record && `In Meridian: ${publicUrl}${record}`,
    ]),
    location: activity.locationAddress ?? activity.accountAddress,
    url: record ? `${publicUrl}${record}` : null,
  };
}

/** The page of the record an activity is about: its deal, lead, contact or account. */
function linkedRecordPath(links: {
  opportunityId: string | null;
  leadId: string | null;
  contactId: string | null;
  accountId: string | null;
}): string | null {
  if (links.opportunityId) return `/opportunities/${links.opportunityId}`;
  if (links.leadId) return `/leads/${links.leadId}`;
  if (links.contactId) return `/contacts/${links.contactId}`;
  if (links.accountId) return `/accounts/${links.accountId}`;
  return null;
}

function lines(parts: (string | null | undefined | false | '')[]): string | null {
  const kept = parts.filter((part): part is string => Boolean(part));
  return kept.length > 0 ? kept.join('\n') : null;
}
