import { gte, inArray, isNotNull, isNull, lte, not, sql } from 'drizzle-orm';
import type { NearbyAccountsQuery } from '../../../shared/contracts/accounts.js';
import type { Db } from '../../db/client.js';
import { accounts } from '../../db/schema/index.js';
import { allOf } from '../../platform/keyset.js';
import { resolvePeople, type Viewer } from '../../platform/viewer.js';
import { visibleAccounts } from '../../platform/visibility.js';
import { EARTH_RADIUS_METERS } from '../activities/haversine.js';
import { type AccountRow, accountColumns, accountIsDueForVisit } from './accounts.repository.js';

/** Kilometres in a degree of latitude (and of longitude at the equator), on the same sphere. */
const KM_PER_DEGREE = (2 * Math.PI * EARTH_RADIUS_METERS) / 360 / 1000;

/**
 * The visible, placed accounts within `withinKm` of a point, nearest first, with their distance. A box of
 * latitudes and longitudes around the point narrows the rows on the position index before the exact
 * great-circle distance (haversine, as check-ins are measured) decides; near a pole or across the
 * antimeridian the box would wrap, and only the latitudes narrow.
 */
export async function findNearbyAccounts(
  db: Db,
  viewer: Viewer,
  query: NearbyAccountsQuery,
): Promise<{ row: AccountRow; distanceMeters: number }[]> {
  const latSpan = query.withinKm / KM_PER_DEGREE;
  const cosLat = Math.cos((query.lat * Math.PI) / 180);
  const lngSpan = cosLat > 0.01 ? query.withinKm / (KM_PER_DEGREE * cosLat) : 360;
  const wraps = query.lng - lngSpan < -180 || query.lng + lngSpan > 180;
  const distance = sql<number>`(2 * ${EARTH_RADIUS_METERS}::float8 * asin(least(1, sqrt(
      power(sin(radians(${accounts.latitude} - ${query.lat}::float8) / 2), 2)
      + cos(radians(${query.lat}::float8)) * cos(radians(${accounts.latitude}))
        * power(sin(radians(${accounts.longitude} - ${query.lng}::float8) / 2), 2)))))`;
  const rows = await db
    .select({ ...accountColumns, distance })
    .from(accounts)
    .where(
      allOf(
        isNull(accounts.deletedAt),
        isNotNull(accounts.latitude),
        isNotNull(accounts.longitude),
        gte(accounts.latitude, query.lat - latSpan),
        lte(accounts.latitude, query.lat + latSpan),
        wraps ? undefined : gte(accounts.longitude, query.lng - lngSpan),
        wraps ? undefined : lte(accounts.longitude, query.lng + lngSpan),
        visibleAccounts(viewer),
        query.type ? inArray(accounts.type, query.type) : undefined,
        query.ownerId ? inArray(accounts.ownerId, resolvePeople(query.ownerId, viewer)) : undefined,
        query.visitDue === undefined ? undefined : query.visitDue ? accountIsDueForVisit : not(accountIsDueForVisit),
        lte(distance, query.withinKm * 1000),
      ),
    )
    .orderBy(distance, accounts.id)
    .limit(query.limit);
  return rows.map(({ distance: meters, ...row }) => ({
    row: row as AccountRow,
    distanceMeters: Math.round(Number(meters)),
  }));
}
