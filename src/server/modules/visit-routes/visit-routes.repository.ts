import { and, eq, gte, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import { accounts, activities } from '../../db/schema/index.js';
import { allOf } from '../../platform/keyset.js';
import type { Viewer } from '../../platform/viewer.js';
import { visibleAccounts } from '../../platform/visibility.js';
import { accountIsDueForVisit } from '../accounts/accounts.repository.js';
import { visibleActivities } from '../activities/activities.repository.js';

export type DayVisit = {
  id: string;
  subject: string;
  scheduledAt: Date | null;
  /** An appointment: reached by scheduledAt, never moved. */
  fixedTime: boolean;
  durationMinutes: number | null;
  version: number;
  accountId: string | null;
  accountName: string | null;
  /** The visit's own place, else its account's (when the viewer may see the account). */
  lat: number | null;
  lng: number | null;
  address: string | null;
};

/**
 * The planned visits of one person between two instants, earliest first, each with where it is: its own
 * location when one was given, else its account's. An account the viewer may not see lends neither its
 * name nor its position.
 */
export async function findPlannedVisits(
  db: Db,
  viewer: Viewer,
  options: { ownerId: string; from: Date; until: Date },
): Promise<DayVisit[]> {
  const rows = await db
    .select({
      id: activities.id,
      subject: activities.subject,
      scheduledAt: activities.scheduledAt,
      fixedTime: activities.fixedTime,
      durationMinutes: activities.durationMinutes,
      version: activities.version,
      accountId: activities.accountId,
      visitLat: activities.latitude,
      visitLng: activities.longitude,
      visitAddress: activities.locationAddress,
      accountName: accounts.name,
      accountLat: accounts.latitude,
      accountLng: accounts.longitude,
      street: accounts.street,
      postalCode: accounts.postalCode,
      city: accounts.city,
    })
    .from(activities)
    .leftJoin(
      accounts,
      allOf(eq(accounts.id, activities.accountId), isNull(accounts.deletedAt), visibleAccounts(viewer)),
    )
    .where(
      and(
        eq(activities.type, 'visit'),
        eq(activities.status, 'planned'),
        eq(activities.ownerId, options.ownerId),
        isNull(activities.deletedAt),
        gte(activities.scheduledAt, options.from),
        lt(activities.scheduledAt, options.until),
        visibleActivities(viewer),
      ),
    )
    .orderBy(activities.scheduledAt, activities.id);
  return rows.map((row) => {
    const ownPlace = row.visitLat !== null && row.visitLng !== null;
    const accountAddress = [row.street, [row.postalCode, row.city].filter(Boolean).join(' ')]
      .filter(Boolean)
      .join(', ');
    return {
      id: row.id,
      subject: row.subject,
      scheduledAt: row.scheduledAt,
      fixedTime: row.fixedTime,
      durationMinutes: row.durationMinutes,
      version: row.version,
      accountId: row.accountId,
      accountName: row.accountName,
      lat: ownPlace ? row.visitLat : row.accountLat,
      lng: ownPlace ? row.visitLng : row.accountLng,
      address: ownPlace ? row.visitAddress : accountAddress || null,
    };
  });
}

export type DueAccount = {
  id: string;
  name: string;
  address: string | null;
  lat: number;
  lng: number;
  visitEveryDays: number;
  lastVisitAt: Date | null;
};

/** How many due accounts a plan weighs: a rep's round, not a territory's whole list. */
const DUE_ACCOUNTS_WEIGHED = 200;

/**
 * The accounts a person owns (and the viewer sees) that are due for a visit by their call cycle, have a
 * place, and have no visit planned after `now`: the ones a day's route could take in. The longest
 * overdue first (never visited before all), at most DUE_ACCOUNTS_WEIGHED.
 */
export async function findDueAccountsToVisit(
  db: Db,
  viewer: Viewer,
  options: { ownerId: string; now: Date },
): Promise<DueAccount[]> {
  // A whole statement rather than the query builder: the builder writes the columns of its select list
  // without their table, so the latest visit's subquery would compare an activity's account with its own id.
  const rows = await queryRows<{
    id: string;
    name: string;
    street: string | null;
    postal_code: string | null;
    city: string | null;
    lat: number;
    lng: number;
    visit_every_days: number;
    last_visit_at: Date | string | null;
  }>(
    db,
    sql`select ${accounts.id} as id, ${accounts.name} as name, ${accounts.street} as street,
        ${accounts.postalCode} as postal_code, ${accounts.city} as city, ${accounts.latitude} as lat,
        ${accounts.longitude} as lng, ${accounts.visitEveryDays} as visit_every_days, last_visits.last_visit_at
      from ${accounts}
      left join lateral (
        select max(${activities.completedAt}) as last_visit_at from ${activities}
        where ${activities.accountId} = ${accounts.id} and ${activities.type} = 'visit'
          and ${activities.status} = 'completed' and ${activities.deletedAt} is null
      ) as last_visits on true
      where ${allOf(
        eq(accounts.ownerId, options.ownerId),
        isNull(accounts.deletedAt),
        visibleAccounts(viewer),
        isNotNull(accounts.latitude),
        isNotNull(accounts.longitude),
        accountIsDueForVisit,
      )}
        and not exists (select 1 from ${activities}
          where ${activities.accountId} = ${accounts.id} and ${activities.type} = 'visit'
            and ${activities.status} = 'planned' and ${activities.deletedAt} is null
            and ${activities.scheduledAt} > ${options.now.toISOString()}::timestamptz)
      order by last_visits.last_visit_at + ${accounts.visitEveryDays} * interval '1 day' asc nulls first, ${accounts.id}
      limit ${DUE_ACCOUNTS_WEIGHED}`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    address: [row.street, [row.postal_code, row.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || null,
    lat: row.lat,
    lng: row.lng,
    visitEveryDays: row.visit_every_days,
    lastVisitAt: row.last_visit_at === null ? null : new Date(row.last_visit_at),
  }));
}
