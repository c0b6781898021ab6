import { and, eq, gte, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { accounts, activities } from '../../db/schema/index.js';
import { allOf } from '../../platform/keyset.js';
import type { Viewer } from '../../platform/viewer.js';
import { visibleAccounts } from '../../platform/visibility.js';
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
