import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import { accounts } from '../../db/schema/index.js';

export type AccountRow = typeof accounts.$inferSelect;

/** The address as one line, as a geocoder reads it: "1 Main St, Springfield, IL, 62701, US". */
const addressLine = sql<string>`concat_ws(', ', nullif(${accounts.street}, ''), nullif(${accounts.city}, ''),
  nullif(${accounts.state}, ''), nullif(${accounts.postalCode}, ''), nullif(${accounts.country}, ''))`;

/**
 * Accounts to geocode: a street, city or postal code to go on, an address not geocoded yet as it reads
 * now, and a position nobody gave: none at all (unless someone cleared it on purpose), or one geocoded
 * from an address that has changed since. A position given through the API, or from before geocoding
 * existed, is left alone.
 */
export async function findAccountsToGeocode(db: Db, limit: number): Promise<{ id: string; address: string }[]> {
  return queryRows<{ id: string; address: string }>(
    db,
    sql`
      select ${accounts.id} as id, ${addressLine} as address
      from ${accounts}
      where ${accounts.deletedAt} is null
        and coalesce(nullif(${accounts.street}, ''), nullif(${accounts.city}, ''), nullif(${accounts.postalCode}, '')) is not null
        and ${accounts.geocodedAddress} is distinct from ${addressLine}
        and ((${accounts.latitude} is null and ${accounts.locationSource} is distinct from 'manual')
          or ${accounts.locationSource} = 'geocoded')
      order by ${accounts.updatedAt}, ${accounts.id}
      limit ${limit}`,
  );
}

export async function findAccountRow(db: Db, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

/**
 * Writes a found position, provided the account is as it was read (same version, same address): an edit
 * in between wins, and the account is looked at again on the next run.
 */
export async function writeGeocodedPosition(
  db: Db,
  current: AccountRow,
  found: { address: string; lat: number; lng: number },
): Promise<AccountRow | undefined> {
  const [row] = await db
    .update(accounts)
    .set({
      latitude: found.lat,
      longitude: found.lng,
      locationSource: 'geocoded',
      geocodedAddress: found.address,
      version: sql`${accounts.version} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(eq(accounts.id, current.id), eq(accounts.version, current.version), sql`${addressLine} = ${found.address}`),
    )
    .returning();
  return row;
}

/** Notes that an address has no place, so it is not asked again until it changes (not a visible change). */
export async function markAddressUnplaced(db: Db, id: string, address: string): Promise<void> {
  await db.update(accounts).set({ geocodedAddress: address }).where(eq(accounts.id, id));
}
