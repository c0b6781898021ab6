import { and, eq, ilike, isNull, sql } from 'drizzle-orm';
import type { ApiKey, ApiKeyScope, ListApiKeysQuery } from '../../../shared/contracts/auth.js';
import type { Db } from '../../db/client.js';
import { apiKeys } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { escapeLike } from '../users/users.repository.js';

type ApiKeyRow = typeof apiKeys.$inferSelect;

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiKeyScope[],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export async function insertApiKey(db: Db, row: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
  const [inserted] = await db.insert(apiKeys).values(row).returning();
  return inserted as ApiKeyRow;
}

const apiKeySorts: SortFields<ApiKeyRow> = {
  createdAt: { expression: apiKeys.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
  name: { expression: apiKeys.name, type: 'text', value: (row) => row.name },
};

/** One page of a user's live keys, newest first unless sorted otherwise. */
export async function listLiveApiKeys(db: Db, userId: string, query: ListApiKeysQuery) {
  const keyset = keysetPage({
    fields: apiKeySorts,
    sort: query.sort,
    defaultSort: '-createdAt',
    cursor: query.cursor,
    idColumn: apiKeys.id,
  });
  const filter = allOf(
    isNull(apiKeys.revokedAt),
    eq(apiKeys.userId, userId),
    query.q ? ilike(apiKeys.name, `%${escapeLike(query.q)}%`) : undefined,
  );
  const rows = await db
    .select()
    .from(apiKeys)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(apiKeys, filter) : undefined;
  return { data: page.rows.map(toApiKey), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

export async function findLiveApiKey(db: Db, id: string) {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  return row;
}

/** Renames a live key, if it is still at `expectedVersion`; undefined when it is not (or is gone). */
export async function renameApiKey(db: Db, id: string, name: string, expectedVersion: number) {
  const [row] = await db
    .update(apiKeys)
    .set({ name, version: sql`${apiKeys.version} + 1`, updatedAt: sql`date_trunc('milliseconds', now())` })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt), eq(apiKeys.version, expectedVersion)))
    .returning();
  return row;
}

export async function revokeApiKey(db: Db, id: string): Promise<void> {
  await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, id));
}

export async function revokeApiKeysOfUser(db: Db, userId: string): Promise<void> {
  await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)));
}
