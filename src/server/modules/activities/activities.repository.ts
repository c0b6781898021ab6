import { eq, gte, ilike, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Activity, ListActivitiesQuery, VisitStamp } from '../../../shared/contracts/activities.js';
import type { Db } from '../../db/client.js';
import { accounts, activities, activityMoment } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { accountInTerritories, linkConditions, visibleLinkedRecords } from '../../platform/record-links.js';
import { resolvePeople, type Viewer } from '../../platform/viewer.js';
import { escapeLike } from '../users/users.repository.js';

export type ActivityRow = typeof activities.$inferSelect;

export function toActivity(row: ActivityRow): Activity {
  return {
    id: row.id,
    type: row.type as Activity['type'],
    subject: row.subject,
    description: row.description,
    status: row.status as Activity['status'],
    scheduledAt: row.scheduledAt?.toISOString() ?? null,
    fixedTime: row.fixedTime,
    durationMinutes: row.durationMinutes,
    completedAt: row.completedAt?.toISOString() ?? null,
    outcome: row.outcome,
    nextSteps: row.nextSteps,
    location:
      row.latitude === null || row.longitude === null
        ? null
        : { lat: row.latitude, lng: row.longitude, address: row.locationAddress },
    ownerId: row.ownerId,
    accountId: row.accountId,
    contactId: row.contactId,
    leadId: row.leadId,
    opportunityId: row.opportunityId,
    checkIn: visitStamp(
      row.checkInAt,
      row.checkInLatitude,
      row.checkInLongitude,
      row.checkInAccuracy,
      row.checkInDistanceMeters,
    ),
    checkOut: visitStamp(
      row.checkOutAt,
      row.checkOutLatitude,
      row.checkOutLongitude,
      row.checkOutAccuracy,
      row.checkOutDistanceMeters,
    ),
    farFromAccount: row.farFromAccount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

function visitStamp(
  at: Date | null,
  lat: number | null,
  lng: number | null,
  accuracy: number | null,
  distanceMeters: number | null,
): VisitStamp | null {
  if (at === null || lat === null || lng === null || accuracy === null) return null;
  return { at: at.toISOString(), lat, lng, accuracy, distanceMeters };
}

/** An activity is visible when the viewer's team owns it or a record it is linked to is visible. */
export function visibleActivities(viewer: Viewer): SQL | undefined {
  return visibleLinkedRecords(viewer, activities);
}

/**
 * Sorts. An unscheduled activity sorts after every scheduled one in either direction (coalesced to
 * infinity ascending, to -infinity descending). When the filter already excludes unscheduled ones (a scheduledAt range), the plain column
 * gives the same order and lets the planner walk activities_scheduled_idx instead of sorting. No index
 * matches the coalesced form (the schema indexes the bare column), so an unbounded sort is sorted.
 */
function activitySorts(scheduledAtIsSet: boolean, descending: boolean): SortFields<ActivityRow> {
  const unscheduled = descending ? '-infinity' : 'infinity';
  return {
    scheduledAt: scheduledAtIsSet
      ? { expression: activities.scheduledAt, type: 'timestamptz', value: (row) => row.scheduledAt }
      : {
          expression: sql`coalesce(${activities.scheduledAt}, ${sql.raw(`'${unscheduled}'`)}::timestamptz)`,
          type: 'timestamptz',
          value: (row) => row.scheduledAt ?? unscheduled,
        },
    createdAt: { expression: activities.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
    updatedAt: { expression: activities.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
  };
}

export async function listActivities(db: Db, viewer: Viewer, query: ListActivitiesQuery) {
  const keyset = keysetPage({
    fields: activitySorts(
      query.scheduledAtFrom !== undefined || query.scheduledAtTo !== undefined,
      query.sort?.startsWith('-') ?? false,
    ),
    sort: query.sort,
    defaultSort: '-createdAt',
    cursor: query.cursor,
    idColumn: activities.id,
  });
  const filter = allOf(
    isNull(activities.deletedAt),
    visibleActivities(viewer),
    query.type ? inArray(activities.type, query.type) : undefined,
    query.status ? inArray(activities.status, query.status) : undefined,
    query.fixedTime === undefined ? undefined : eq(activities.fixedTime, query.fixedTime),
    query.ownerId ? inArray(activities.ownerId, resolvePeople(query.ownerId, viewer)) : undefined,
    ...linkConditions(activities, query),
    accountInTerritories(viewer, activities.accountId, query.territoryId),
    query.scheduledAtFrom ? gte(activities.scheduledAt, new Date(query.scheduledAtFrom)) : undefined,
    query.scheduledAtTo ? lte(activities.scheduledAt, new Date(query.scheduledAtTo)) : undefined,
    query.completedAtFrom ? gte(activities.completedAt, new Date(query.completedAtFrom)) : undefined,
    query.completedAtTo ? lte(activities.completedAt, new Date(query.completedAtTo)) : undefined,
    query.atFrom ? gte(activityMoment(activities), new Date(query.atFrom)) : undefined,
    query.atTo ? lte(activityMoment(activities), new Date(query.atTo)) : undefined,
    query.createdAtFrom ? gte(activities.createdAt, new Date(query.createdAtFrom)) : undefined,
    query.createdAtTo ? lte(activities.createdAt, new Date(query.createdAtTo)) : undefined,
    query.durationMinutesMin === undefined ? undefined : gte(activities.durationMinutes, query.durationMinutesMin),
    query.durationMinutesMax === undefined ? undefined : lte(activities.durationMinutes, query.durationMinutesMax),
    query.updatedAtFrom ? gte(activities.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(activities.updatedAt, new Date(query.updatedAtTo)) : undefined,
    query.q ? ilike(activities.subject, `%${escapeLike(query.q)}%`) : undefined,
  );
  const rows = await db
    .select()
    .from(activities)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(activities, filter) : undefined;
  return { data: page.rows.map(toActivity), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

export async function findVisibleActivity(
  db: Db,
  viewer: Viewer,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<ActivityRow | undefined> {
  const [row] = await db
    .select()
    .from(activities)
    .where(
      allOf(
        eq(activities.id, id),
        visibleActivities(viewer),
        options.includeDeleted ? undefined : isNull(activities.deletedAt),
      ),
    );
  return row;
}

/**
 * Locks the activity row until the transaction ends, so two completions or check-ins of the same activity
 * queue and the second sees the first's result (409) instead of both passing the state check.
 */
export async function lockActivity(db: Db, id: string): Promise<void> {
  await db.execute(sql`select 1 from ${activities} where ${activities.id} = ${id} for update`);
}

export async function insertActivity(db: Db, row: typeof activities.$inferInsert): Promise<ActivityRow> {
  const [inserted] = await db.insert(activities).values(row).returning();
  return inserted as ActivityRow;
}

/**
 * Where the linked account is, whoever may see it: a visit's distance is measured from its account even
 * when the rep checking in sees the visit only as its owner. Answers only the coordinates.
 */
/** Where an account is, as a visit's place: its position, and its address as one line. */
export async function findAccountPlace(
  db: Db,
  accountId: string,
): Promise<{ lat: number; lng: number; address: string | null } | undefined> {
  const [row] = await db
    .select({
      lat: accounts.latitude,
      lng: accounts.longitude,
      street: accounts.street,
      postalCode: accounts.postalCode,
      city: accounts.city,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!row || row.lat === null || row.lng === null) return undefined;
  const town = [row.postalCode, row.city].filter(Boolean).join(' ');
  const address = [row.street, town].filter(Boolean).join(', ');
  return { lat: row.lat, lng: row.lng, address: address || null };
}

export async function findAccountLocation(
  db: Db,
  accountId: string,
): Promise<{ latitude: number; longitude: number } | undefined> {
  const [row] = await db
    .select({ latitude: accounts.latitude, longitude: accounts.longitude })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!row || row.latitude === null || row.longitude === null) return undefined;
  return { latitude: row.latitude, longitude: row.longitude };
}
