import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../../db/client.js';
import { accounts, activities, auditLog, outlookEvents, syncCursors, users } from '../../db/schema/index.js';
import { allOf } from '../../platform/keyset.js';
import type { Viewer } from '../../platform/viewer.js';
import { visibleAccounts } from '../../platform/visibility.js';
import { accountAddress } from './calendar-feed.repository.js';

/*
 * The state of Office 365 calendar push. A row of outlook_events exists while an activity has (or is to
 * have) an event in someone's Outlook calendar. `retry_at` not null means "to be written": set when the
 * activity changed, and after a failed attempt to when it is tried again. All reads here are system work
 * for every user's calendar, so none is scoped by a viewer except the account shown in an event.
 */

export type OutlookEventRow = typeof outlookEvents.$inferSelect;
/** A position in a table read in order: the sort value and the id of the last row read. */
export type CursorPosition = { at: Date; id: string };

/** Above every uuid: a position after every row of its instant. */
const LAST_ID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
export const endOfInstant = (at: Date): CursorPosition => ({ at, id: LAST_ID });

/** An activity's owner, joined under this name by the statements that ask whether it belongs in Outlook. */
const owner = alias(users, 'owner');

/** The activity types Outlook shows: appointments, not e-mails, notes or to-dos. */
export const OUTLOOK_ACTIVITY_TYPES = ['call', 'meeting', 'visit'];

/**
 * Whether an activity belongs in its owner's Outlook calendar, in SQL over `activities` joined to its
 * owner as `owner`: live, an appointment, planned or done, scheduled before `until`, owned by an active
 * user. (Users always have an e-mail address: it is their mailbox.)
 */
function pushable(until: Date): SQL {
  return sql`(${activities.deletedAt} is null
    and ${inArray(activities.type, OUTLOOK_ACTIVITY_TYPES)}
    and ${activities.status} in ('planned', 'completed')
    and ${activities.scheduledAt} < ${until.toISOString()}::timestamptz
    and owner.active and owner.deleted_at is null)`;
}

/** Reads a sync's position and holds it until the transaction ends: one worker moves a cursor at a time. */
export async function lockCursor(tx: Db, name: string): Promise<CursorPosition | undefined> {
  const [row] = await tx.select().from(syncCursors).where(eq(syncCursors.name, name)).for('update');
  return row ? { at: row.updatedAt, id: row.recordId } : undefined;
}

export async function saveCursor(tx: Db, name: string, position: CursorPosition): Promise<void> {
  await tx
    .insert(syncCursors)
    .values({ name, updatedAt: position.at, recordId: position.id })
    .onConflictDoUpdate({ target: syncCursors.name, set: { updatedAt: position.at, recordId: position.id } });
}

/** Live activities changed after a position, up to `until`, in order (activities_updated_at_idx). */
export async function activitiesChangedAfter(
  tx: Db,
  after: CursorPosition,
  until: Date,
  limit: number,
): Promise<{ id: string; at: Date }[]> {
  return tx
    .select({ id: activities.id, at: activities.updatedAt })
    .from(activities)
    .where(
      and(
        isNull(activities.deletedAt),
        sql`(${activities.updatedAt}, ${activities.id}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`,
        sql`${activities.updatedAt} <= ${until.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(activities.updatedAt), asc(activities.id))
    .limit(limit);
}

/**
 * Live activities scheduled after a position, up to `until`, in order (activities_scheduled_idx): the
 * first rounds walk the window once (what existed before push was switched on), and from then on the
 * activities that come within the year ahead as the days pass.
 */
export async function activitiesScheduledAfter(
  tx: Db,
  after: CursorPosition,
  until: Date,
  limit: number,
): Promise<{ id: string; at: Date | null }[]> {
  return tx
    .select({ id: activities.id, at: activities.scheduledAt })
    .from(activities)
    .where(
      and(
        isNull(activities.deletedAt),
        sql`(${activities.scheduledAt}, ${activities.id}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`,
        sql`${activities.scheduledAt} <= ${until.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(activities.scheduledAt), asc(activities.id))
    .limit(limit);
}

/**
 * Activities deleted after a position, up to `until`, from the audit trail (audit_log_occurred_at_idx).
 * A soft-deleted activity leaves activities_updated_at_idx, and no index lists deleted activities; every
 * deletion, an account's carried along included, writes an audit row in its transaction.
 */
export async function activitiesDeletedAfter(
  tx: Db,
  after: CursorPosition,
  until: Date,
  limit: number,
): Promise<{ id: string; at: Date; activityId: string }[]> {
  return tx
    .select({ id: auditLog.id, at: auditLog.occurredAt, activityId: auditLog.entityId })
    .from(auditLog)
    .where(
      and(
        sql`(${auditLog.occurredAt}, ${auditLog.id}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`,
        sql`${auditLog.occurredAt} <= ${until.toISOString()}::timestamptz`,
        eq(auditLog.entity, 'activities'),
        eq(auditLog.action, 'delete'),
      ),
    )
    .orderBy(asc(auditLog.occurredAt), asc(auditLog.id))
    .limit(limit);
}

/**
 * Makes the events of these activities due: a linked row whose activity moved on since it was written
 * (keeping a later retry time: Graph's Retry-After and back-off stand), and a new row for each activity
 * that belongs in Outlook and has none, created from `windowStart` on (older ones are history). A new
 * row's `synced_at` marks when its event came to be wanted: the create's idempotency key is made from it.
 */
export async function markEventsDue(
  tx: Db,
  activityIds: string[],
  window: { start: Date; until: Date; now: Date },
): Promise<void> {
  if (activityIds.length === 0) return;
  const now = window.now.toISOString();
  await tx.execute(sql`
    update outlook_events e set retry_at = coalesce(e.retry_at, ${now}::timestamptz)
    from activities a
    where a.id = e.activity_id and ${inArray(sql`e.activity_id`, activityIds)}
      and e.synced_version is distinct from a.version`);
  await tx.execute(sql`
    insert into outlook_events (activity_id, user_id, synced_at, retry_at)
    select ${activities.id}, ${activities.ownerId}, ${now}::timestamptz, ${now}::timestamptz
    from ${activities} join users owner on owner.id = ${activities.ownerId}
    where ${inArray(activities.id, activityIds)} and ${pushable(window.until)}
      and ${activities.scheduledAt} >= ${window.start.toISOString()}::timestamptz
    on conflict (activity_id) do nothing`);
}

export type ClaimedEvent = OutlookEventRow & {
  /** The lease of an earlier attempt was still set: that worker died, maybe after Graph created the event. */
  interrupted: boolean;
};

/**
 * Takes up to `limit` due rows no other worker holds and leases them until `leaseUntil`: a worker that
 * dies mid-write leaves them to be taken again when the lease runs out.
 */
export async function claimDueEvents(
  db: Db,
  options: { now: Date; leaseUntil: Date; limit: number },
): Promise<ClaimedEvent[]> {
  const now = options.now.toISOString();
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
      update outlook_events e set lease_until = ${options.leaseUntil.toISOString()}::timestamptz
      from (
        select activity_id, lease_until as previous_lease from outlook_events
        where retry_at <= ${now}::timestamptz and (lease_until is null or lease_until <= ${now}::timestamptz)
        order by retry_at, activity_id
        limit ${options.limit}
        for update skip locked
      ) due
      where e.activity_id = due.activity_id
      returning e.activity_id, e.user_id, e.event_id, e.synced_version, e.synced_at, e.lease_until, e.failures,
        e.retry_at, e.last_error, due.previous_lease is not null as interrupted`,
  );
  const at = (value: unknown) => (value === null ? null : new Date(value as string));
  return rows.map((row) => ({
    activityId: row.activity_id as string,
    userId: row.user_id as string,
    eventId: row.event_id as string | null,
    syncedVersion: row.synced_version as number | null,
    syncedAt: at(row.synced_at),
    leaseUntil: at(row.lease_until),
    failures: row.failures as number,
    retryAt: at(row.retry_at),
    lastError: row.last_error as string | null,
    interrupted: row.interrupted as boolean,
  }));
}

/**
 * The activities of claimed rows as Outlook is to show them, with whether each belongs there (read by
 * id, deleted ones included) and the mailboxes of their owners and of the calendars holding their events.
 */
export async function findEventSubjects(db: Db, activityIds: string[], until: Date) {
  if (activityIds.length === 0) return [];
  return db
    .select({
      id: activities.id,
      version: activities.version,
      pushable: sql<boolean>`${pushable(until)}`.mapWith(Boolean),
      scheduledAt: activities.scheduledAt,
      ownerId: activities.ownerId,
      ownerEmail: owner.email,
      type: activities.type,
      subject: activities.subject,
      description: activities.description,
      status: activities.status,
      outcome: activities.outcome,
      durationMinutes: activities.durationMinutes,
      locationAddress: activities.locationAddress,
      accountId: activities.accountId,
      contactId: activities.contactId,
      leadId: activities.leadId,
      opportunityId: activities.opportunityId,
    })
    .from(activities)
    .leftJoin(owner, eq(owner.id, activities.ownerId))
    .where(inArray(activities.id, activityIds));
}

export type EventSubject = Awaited<ReturnType<typeof findEventSubjects>>[number];

/** The accounts among `accountIds` the viewer sees, with what an event shows of them. */
export function findVisibleAccountPlaces(db: Db, viewer: Viewer, accountIds: string[]) {
  return db
    .select({
      id: accounts.id,
      name: accounts.name,
      address: accountAddress,
      street: accounts.street,
      city: accounts.city,
      state: accounts.state,
      postalCode: accounts.postalCode,
      country: accounts.country,
    })
    .from(accounts)
    .where(allOf(inArray(accounts.id, accountIds), isNull(accounts.deletedAt), visibleAccounts(viewer)));
}

export type AccountPlace = Awaited<ReturnType<typeof findVisibleAccountPlaces>>[number];

/** The mailbox (e-mail address) of each user, deactivated ones included: their events may need removing. */
export async function findMailboxes(db: Db, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, userIds));
  return new Map(rows.map((row) => [row.id, row.email]));
}

/** A write of the row, made only while the lease is still this worker's (a slow worker may have been overtaken). */
const whileLeased = (activityId: string, leaseUntil: Date) =>
  and(eq(outlookEvents.activityId, activityId), eq(outlookEvents.leaseUntil, leaseUntil));

/**
 * Saves progress in the middle of an attempt, keeping the lease: the id of an event just created (so a
 * crash now does not create it again), or the calendar and moment a new event came to be wanted.
 */
export async function saveEventProgress(
  db: Db,
  activityId: string,
  leaseUntil: Date,
  progress: Pick<OutlookEventRow, 'userId' | 'eventId' | 'syncedAt'>,
): Promise<boolean> {
  const rows = await db.update(outlookEvents).set(progress).where(whileLeased(activityId, leaseUntil)).returning();
  return rows.length > 0;
}

/**
 * The event shows `syncedVersion` of the activity: the row is settled, unless the activity moved on
 * meanwhile, which leaves it due at once.
 */
export async function finishEventSync(
  db: Db,
  activityId: string,
  leaseUntil: Date,
  outcome: { eventId: string; userId: string; syncedVersion: number; now: Date },
): Promise<void> {
  await db
    .update(outlookEvents)
    .set({
      eventId: outcome.eventId,
      userId: outcome.userId,
      syncedVersion: outcome.syncedVersion,
      syncedAt: outcome.now,
      leaseUntil: null,
      failures: 0,
      lastError: null,
      retryAt: sql`case when (select version from activities where id = ${activityId}) = ${outcome.syncedVersion}
        then null else ${outcome.now.toISOString()}::timestamptz end`,
    })
    .where(whileLeased(activityId, leaseUntil));
}

/**
 * The event is gone and none is wanted: the row goes, unless the activity moved on since it was read
 * (restored, say), which leaves the row due again.
 */
export async function forgetEvent(
  db: Db,
  activityId: string,
  leaseUntil: Date,
  version: number,
  now: Date,
): Promise<void> {
  const removed = await db
    .delete(outlookEvents)
    .where(
      and(
        whileLeased(activityId, leaseUntil),
        sql`exists (select 1 from activities where id = ${activityId} and version = ${version})`,
      ),
    )
    .returning({ activityId: outlookEvents.activityId });
  if (removed.length === 0) {
    await db
      .update(outlookEvents)
      .set({ eventId: null, syncedVersion: null, syncedAt: now, leaseUntil: null, retryAt: now })
      .where(whileLeased(activityId, leaseUntil));
  }
}

/** A failed attempt: counted, its reason kept for administrators, tried again at `retryAt`. */
export async function failEventSync(
  db: Db,
  activityId: string,
  leaseUntil: Date,
  failure: { error: string; retryAt: Date; counted: boolean },
): Promise<void> {
  await db
    .update(outlookEvents)
    .set({
      failures: failure.counted ? sql`${outlookEvents.failures} + 1` : outlookEvents.failures,
      lastError: failure.error,
      retryAt: failure.retryAt,
      leaseUntil: null,
    })
    .where(whileLeased(activityId, leaseUntil));
}
