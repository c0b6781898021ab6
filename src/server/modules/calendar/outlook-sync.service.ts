import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import {
  createOutlookCalendar,
  type OutlookCalendar,
  OutlookCalendarError,
  type OutlookEventContent,
} from '../../integrations/graph/calendar.js';
import { viewerForUser } from '../auth/auth.service.js';
import { CALENDAR_WINDOW, DAY_MS } from './calendar-feed.service.js';
import { eventTransactionId, outlookEventOf } from './outlook-event.js';
import {
  type AccountPlace,
  activitiesChangedAfter,
  activitiesDeletedAfter,
  activitiesScheduledAfter,
  type ClaimedEvent,
  type CursorPosition,
  claimDueEvents,
  type EventSubject,
  endOfInstant,
  failEventSync,
  findEventSubjects,
  findMailboxes,
  findVisibleAccountPlaces,
  finishEventSync,
  forgetEvent,
  lockCursor,
  markEventsDue,
  saveCursor,
  saveEventProgress,
} from './outlook-sync.repository.js';

/**
 * Changes are read this long after they were written: `updated_at` is set before a transaction commits,
 * so a row stamped earlier may become visible after one stamped later; waiting lets it commit first.
 */
const SETTLE_MS = 10_000;
/** Rows read per step of a cursor, and steps per run: a backlog is read over several runs. */
const READ_BATCH = 500;
const READ_STEPS = 20;
/** Events taken per claim, and written per run (Graph allows 10,000 requests per 10 minutes per mailbox). */
const WRITE_BATCH = 20;
const RUN_LIMIT = 200;
/** Longer than the slowest run of one batch may take (Graph's timeout is 20 s a request). */
const LEASE_MS = 5 * 60_000;
const MINUTE_MS = 60_000;
/** The back-off of a failure caps at an hour, and of a refusal (a permission or mailbox missing) at a day. */
const TRANSIENT_CAP_MS = 60 * MINUTE_MS;
const REFUSAL_CAP_MS = 24 * 60 * MINUTE_MS;

export type OutlookSyncOutcome = { written: number; removed: number; retrying: number };

type Window = { start: Date; until: Date; now: Date };

/**
 * One round of Office 365 calendar push (when switched on): notes which activities changed, were deleted
 * or came within the year ahead since the last round, then writes the events that are due into their
 * owners' Outlook calendars. Meridian is the source of truth: every change of an activity rewrites its
 * event as Meridian has it.
 */
export async function syncOutlookCalendars(
  deps: Deps,
  options: { calendar?: OutlookCalendar; now?: () => Date; settleMs?: number } = {},
): Promise<OutlookSyncOutcome> {
  const outcome: OutlookSyncOutcome = { written: 0, removed: 0, retrying: 0 };
  const microsoft365 = deps.config.microsoft365;
  if (!microsoft365?.calendarSync) return outcome;
  const calendar = options.calendar ?? createOutlookCalendar(microsoft365.connection);
  const now = options.now ?? (() => new Date());
  await noteChanges(deps.database.db, windowAt(now()), options.settleMs ?? SETTLE_MS);
  await writeDueEvents(deps, calendar, now, outcome);
  return outcome;
}

function windowAt(now: Date): Window {
  return {
    start: new Date(now.getTime() - CALENDAR_WINDOW.pastDays * DAY_MS),
    until: new Date(now.getTime() + CALENDAR_WINDOW.futureDays * DAY_MS),
    now,
  };
}

/**
 * Three cursors, each reading only what is new since the last round: activities changed (by updated_at),
 * activities deleted (from the audit trail), and activities by scheduled time up to a year ahead, which
 * walks the window once when push is switched on and then the days as they come within the year.
 */
async function noteChanges(db: Db, window: Window, settleMs: number): Promise<void> {
  const settled = new Date(window.now.getTime() - settleMs);
  await followCursor(db, window, {
    name: 'outlook-events:changes',
    first: endOfInstant(settled),
    end: endOfInstant(settled),
    read: (tx, after) => activitiesChangedAfter(tx, after, settled, READ_BATCH),
  });
  await followCursor(db, window, {
    name: 'outlook-events:deletions',
    first: endOfInstant(settled),
    end: endOfInstant(settled),
    read: async (tx, after) =>
      (await activitiesDeletedAfter(tx, after, settled, READ_BATCH)).map((row) => ({ ...row, id: row.activityId })),
  });
  await followCursor(db, window, {
    name: 'outlook-events:schedule',
    first: endOfInstant(new Date(window.start.getTime() - 1)),
    end: endOfInstant(window.until),
    read: async (tx, after) =>
      (await activitiesScheduledAfter(tx, after, window.until, READ_BATCH)).map((row) => ({
        id: row.id,
        at: row.at as Date,
      })),
  });
}

/**
 * Reads a cursor forward and marks the events of what it read as due, in one transaction per step: the
 * cursor moves only together with the rows that record the work. A cursor seen for the first time starts
 * at `first`; one that read everything up to its bound stands at `end`.
 */
async function followCursor(
  db: Db,
  window: Window,
  cursor: {
    name: string;
    first: CursorPosition;
    end: CursorPosition;
    read(tx: Db, after: CursorPosition): Promise<{ id: string; at: Date }[]>;
  },
): Promise<void> {
  for (let step = 0; step < READ_STEPS; step += 1) {
    const more = await inTransaction(db, async (tx) => {
      const at = (await lockCursor(tx, cursor.name)) ?? cursor.first;
      const rows = await cursor.read(tx, at);
      await markEventsDue(tx, [...new Set(rows.map((row) => row.id))], window);
      const last = rows.at(-1);
      const full = rows.length === READ_BATCH && last !== undefined;
      await saveCursor(tx, cursor.name, full ? { at: last.at, id: last.id } : cursor.end);
      return full;
    });
    if (!more) return;
  }
}

/** What one run of writing shares: Graph, the clock, and mailboxes Graph asked to leave alone for now. */
type WriteContext = {
  deps: Deps;
  calendar: OutlookCalendar;
  now: () => Date;
  window: Window;
  /** Graph throttles per mailbox: the user ids whose calendar waits, and until when. */
  paused: Map<string, Date>;
};

async function writeDueEvents(
  deps: Deps,
  calendar: OutlookCalendar,
  now: () => Date,
  outcome: OutlookSyncOutcome,
): Promise<void> {
  const { db } = deps.database;
  const context: WriteContext = { deps, calendar, now, window: windowAt(now()), paused: new Map() };
  let graphDown: string | null = null;
  for (let taken = 0; taken < RUN_LIMIT; ) {
    const claimedAt = now();
    const leaseUntil = new Date(claimedAt.getTime() + LEASE_MS);
    const claimed = await claimDueEvents(db, { now: claimedAt, leaseUntil, limit: WRITE_BATCH });
    if (claimed.length === 0) break;
    const subjects = await findEventSubjects(
      db,
      claimed.map((row) => row.activityId),
      context.window.until,
    );
    const byId = new Map(subjects.map((subject) => [subject.id, subject]));
    const places = await accountPlaces(deps, subjects);
    const mailboxes = await findMailboxes(db, [
      ...new Set([...claimed.map((row) => row.userId), ...subjects.flatMap((subject) => subject.ownerId ?? [])]),
    ]);
    for (const row of claimed) {
      if (graphDown) {
        // Graph cannot be reached: the rest waits a minute, and no failure is counted against it.
        await failEventSync(db, row.activityId, leaseUntil, {
          error: graphDown,
          retryAt: new Date(now().getTime() + MINUTE_MS),
          counted: false,
        });
        continue;
      }
      const subject = byId.get(row.activityId) as EventSubject;
      const place = subject.accountId ? places.get(`${subject.ownerId}:${subject.accountId}`) : undefined;
      try {
        const result = await writeEvent(context, row, leaseUntil, { subject, place, mailboxes });
        if (result) outcome[result] += 1;
      } catch (error) {
        if (!(error instanceof OutlookCalendarError)) throw error;
        outcome.retrying += 1;
        await recordFailure(context, row, leaseUntil, error);
        if (error.kind === 'unavailable') graphDown = `waiting for Microsoft Graph: ${error.message}`;
      }
    }
    taken += claimed.length;
    if (claimed.length < WRITE_BATCH || graphDown) break;
  }
}

/**
 * Brings one activity's event to what Meridian has: removed from a calendar it no longer belongs in,
 * created where it is missing, rewritten when the activity moved on. Each step that Graph cannot repeat
 * safely is saved before the next (the calendar and moment of a create before it, its id right after).
 */
async function writeEvent(
  context: WriteContext,
  row: ClaimedEvent,
  leaseUntil: Date,
  known: { subject: EventSubject; place: AccountPlace | undefined; mailboxes: Map<string, string> },
): Promise<'written' | 'removed' | 'retrying' | undefined> {
  const { db } = context.deps.database;
  const { subject, mailboxes } = known;
  const target = wantedCalendar(subject, row, context.window);
  const pausedUntil = [row.userId, target?.userId].flatMap((id) => context.paused.get(id ?? '') ?? [])[0];
  if (pausedUntil) {
    await failEventSync(db, row.activityId, leaseUntil, {
      error: 'waiting: Microsoft Graph throttled this mailbox',
      retryAt: pausedUntil,
      counted: false,
    });
    return 'retrying';
  }
  let { eventId, userId, syncedAt } = row;
  const oldMailbox = mailboxes.get(userId) as string;
  if (eventId === null && target?.userId !== userId && mayHaveCreated(row)) {
    // A create that died unanswered may have made the event: asking again with its key finds it, to remove.
    eventId = await context.calendar.createEvent(
      oldMailbox,
      placeholderOr(subject, known.place, context),
      eventTransactionId(row.activityId, userId, syncedAt ?? new Date(0)),
    );
  }
  if (eventId !== null && target?.userId !== userId) {
    await context.calendar.deleteEvent(oldMailbox, eventId);
    eventId = null;
  }
  if (!target) {
    await forgetEvent(db, row.activityId, leaseUntil, subject.version, context.now());
    return 'removed';
  }
  const content = outlookEventOf(subject, known.place, {
    publicUrl: context.deps.config.publicUrl,
    now: context.window.now,
  });
  if (eventId !== null && row.syncedVersion !== subject.version) {
    if ((await context.calendar.updateEvent(target.mailbox, eventId, content)) === 'missing') eventId = null;
  }
  if (eventId === null) {
    if (userId !== target.userId || row.eventId !== null || syncedAt === null) {
      // A new event is wanted from now on: its moment is saved first, so a retry repeats the same key.
      userId = target.userId;
      syncedAt = context.now();
      if (!(await saveEventProgress(db, row.activityId, leaseUntil, { userId, eventId: null, syncedAt }))) return;
    }
    eventId = await context.calendar.createEvent(
      target.mailbox,
      content,
      eventTransactionId(row.activityId, userId, syncedAt as Date),
    );
  }
  await finishEventSync(db, row.activityId, leaseUntil, {
    eventId,
    userId: target.userId,
    syncedVersion: subject.version,
    now: context.now(),
  });
  return 'written';
}

/**
 * The calendar an activity's event belongs in: its owner's, while it belongs in Outlook at all. An event
 * already written keeps following its activity into the past (history stays right); a new one is only
 * made from the start of the window.
 */
function wantedCalendar(
  subject: EventSubject,
  row: ClaimedEvent,
  window: Window,
): { userId: string; mailbox: string } | null {
  if (!subject.pushable || !subject.ownerId || !subject.ownerEmail || !subject.scheduledAt) return null;
  const written = row.eventId !== null && row.userId === subject.ownerId;
  if (!written && subject.scheduledAt.getTime() < window.start.getTime()) return null;
  return { userId: subject.ownerId, mailbox: subject.ownerEmail };
}

/** An earlier create of this row's event may have reached Graph without its answer reaching us. */
function mayHaveCreated(row: ClaimedEvent): boolean {
  return row.interrupted || row.failures > 0;
}

/** The activity's event when it still has a time, else any valid event: Graph answers by the key alone. */
function placeholderOr(
  subject: EventSubject,
  place: AccountPlace | undefined,
  context: WriteContext,
): OutlookEventContent {
  if (subject.scheduledAt) {
    return outlookEventOf(subject, place, { publicUrl: context.deps.config.publicUrl, now: context.window.now });
  }
  const start = context.window.now;
  return {
    subject: subject.subject,
    body: '',
    start,
    end: new Date(start.getTime() + 30 * MINUTE_MS),
    location: null,
    showAs: 'free',
    reminderMinutes: null,
  };
}

/**
 * A failed write waits: as long as Graph asked when it throttles (and the mailbox waits with it), else
 * 1, 2, 4 … minutes, up to an hour, or a day for a refusal an administrator has to mend.
 */
async function recordFailure(context: WriteContext, row: ClaimedEvent, leaseUntil: Date, error: OutlookCalendarError) {
  const attempt = row.failures + 1;
  const cap = error.kind === 'refused' ? REFUSAL_CAP_MS : TRANSIENT_CAP_MS;
  const backOff = Math.min(cap, MINUTE_MS * 2 ** (attempt - 1));
  const retryAt = new Date(context.now().getTime() + (error.retryAfterMs ?? backOff));
  if (error.kind === 'throttled') context.paused.set(row.userId, retryAt);
  await failEventSync(context.deps.database.db, row.activityId, leaseUntil, {
    error: error.message,
    retryAt,
    counted: true,
  });
}

/**
 * The accounts each owner may see among those of their activities: an event shows an account's name and
 * address only to someone who could open it in Meridian, as the calendar subscription does.
 */
async function accountPlaces(deps: Deps, subjects: EventSubject[]): Promise<Map<string, AccountPlace>> {
  const accountsByOwner = new Map<string, Set<string>>();
  for (const subject of subjects) {
    if (!subject.pushable || !subject.ownerId || !subject.accountId) continue;
    const ids = accountsByOwner.get(subject.ownerId) ?? new Set<string>();
    ids.add(subject.accountId);
    accountsByOwner.set(subject.ownerId, ids);
  }
  const places = new Map<string, AccountPlace>();
  for (const [ownerId, accountIds] of accountsByOwner) {
    const viewer = await viewerForUser(deps, ownerId);
    for (const place of await findVisibleAccountPlaces(deps.database.db, viewer, [...accountIds])) {
      places.set(`${ownerId}:${place.id}`, place);
    }
  }
  return places;
}
