import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ApiKey, ApiKeyScope } from '../../../shared/contracts/auth.js';
import type { Db } from '../../db/client.js';
import { apiKeys } from '../../db/schema/index.js';

type ApiKeyRow = typeof apiKeys.$inferSelect;

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiKeyScope[],
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export async function insertApiKey(db: Db, row: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
  const [inserted] = await db.insert(apiKeys).values(row).returning();
  return inserted as ApiKeyRow;
}

/** Live keys of one user, newest first; `userId` undefined (admins only) lists everyone's. */
export async function listLiveApiKeys(db: Db, userId: string | undefined): Promise<ApiKey[]> {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(and(isNull(apiKeys.revokedAt), userId ? eq(apiKeys.userId, userId) : undefined))
    .orderBy(desc(apiKeys.createdAt))
    .limit(1000);
  return rows.map(toApiKey);
}

export async function findLiveApiKey(db: Db, id: string) {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
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
