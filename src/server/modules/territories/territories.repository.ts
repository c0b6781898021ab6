import { eq, gte, ilike, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { ListTerritoriesQuery, Territory } from '../../../shared/contracts/territories.js';
import { type Db, queryRows } from '../../db/client.js';
import { accounts, leads, territories, users } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import type { Viewer } from '../../platform/viewer.js';
import { escapeLike } from '../users/users.repository.js';

export type TerritoryRow = typeof territories.$inferSelect;

export function toTerritory(row: TerritoryRow): Territory {
  return {
    id: row.id,
    name: row.name,
    region: row.region,
    managerId: row.managerId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/**
 * Territories are reference data every signed-in user picks from (account forms, filters, reports),
 * so the list is not narrowed; the records inside a territory are.
 */
function visibleTerritories(_viewer: Viewer): SQL | undefined {
  return undefined;
}

const territorySorts: SortFields<TerritoryRow> = {
  name: { expression: territories.name, type: 'text', value: (row) => row.name },
  createdAt: { expression: territories.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
  updatedAt: { expression: territories.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
};

export async function listTerritories(db: Db, viewer: Viewer, query: ListTerritoriesQuery) {
  const keyset = keysetPage({
    fields: territorySorts,
    sort: query.sort,
    defaultSort: 'name',
    cursor: query.cursor,
    idColumn: territories.id,
  });
  const filter = allOf(
    isNull(territories.deletedAt),
    visibleTerritories(viewer),
    query.region ? inArray(territories.region, query.region) : undefined,
    query.managerId ? inArray(territories.managerId, query.managerId) : undefined,
    query.createdAtFrom ? gte(territories.createdAt, new Date(query.createdAtFrom)) : undefined,
    query.createdAtTo ? lte(territories.createdAt, new Date(query.createdAtTo)) : undefined,
    query.updatedAtFrom ? gte(territories.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(territories.updatedAt, new Date(query.updatedAtTo)) : undefined,
    query.q ? ilike(territories.name, `%${escapeLike(query.q)}%`) : undefined,
  );
  const rows = await db
    .select()
    .from(territories)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(territories, filter) : undefined;
  return { data: page.rows.map(toTerritory), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

export async function findVisibleTerritory(
  db: Db,
  viewer: Viewer,
  id: string,
  options: { includeDeleted?: boolean } = {},
) {
  const [row] = await db
    .select()
    .from(territories)
    .where(
      allOf(
        eq(territories.id, id),
        visibleTerritories(viewer),
        options.includeDeleted ? undefined : isNull(territories.deletedAt),
      ),
    );
  return row;
}

/** Which of `ids` are live territories: the rest are references to fix. */
export async function findExistingTerritoryIds(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: territories.id })
    .from(territories)
    .where(allOf(inArray(territories.id, ids), isNull(territories.deletedAt)));
  return rows.map((row) => row.id);
}

/** The territories a manager manages; part of what they see (loadIdentity). */
export async function findManagedTerritoryIds(db: Db, managerId: string): Promise<string[]> {
  const rows = await db
    .select({ id: territories.id })
    .from(territories)
    .where(allOf(eq(territories.managerId, managerId), isNull(territories.deletedAt)));
  return rows.map((row) => row.id);
}

export async function insertTerritory(db: Db, row: typeof territories.$inferInsert): Promise<TerritoryRow> {
  const [inserted] = await db.insert(territories).values(row).returning();
  return inserted as TerritoryRow;
}

/**
 * What still works in a territory: live accounts and leads in it, and live users who work in it. Read
 * whoever asks (only admins delete territories): what matters is everything that would point at it.
 */
export async function countTerritoryMembers(db: Db, territoryId: string) {
  const [row] = await queryRows<{ accounts: number; leads: number; users: number }>(
    db,
    sql`select
      (select count(*)::int from ${accounts} where ${accounts.territoryId} = ${territoryId} and ${accounts.deletedAt} is null) as accounts,
      (select count(*)::int from ${leads} where ${leads.territoryId} = ${territoryId} and ${leads.deletedAt} is null) as leads,
      (select count(*)::int from ${users} where ${territoryId}::uuid = any(${users.territoryIds}) and ${users.deletedAt} is null) as users`,
  );
  return row ?? { accounts: 0, leads: 0, users: 0 };
}
