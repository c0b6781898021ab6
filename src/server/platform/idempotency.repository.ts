import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { idempotencyKeys } from '../db/schema/index.js';

export type IdempotencyRecord = typeof idempotencyKeys.$inferSelect;

/**
 * Claims the key for this caller. When another transaction holds the same key, PostgreSQL makes this
 * insert wait until that one commits or rolls back, so a concurrent retry sees the finished answer.
 */
export async function claimIdempotencyKey(
  tx: Db,
  claim: { userId: string; key: string; operation: string; requestHash: string },
): Promise<boolean> {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values(claim)
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return inserted.length === 1;
}

export async function findIdempotencyRecord(db: Db, userId: string, key: string) {
  const [record] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return record;
}

export async function saveIdempotentResponse(
  tx: Db,
  userId: string,
  key: string,
  answer: { statusCode: number; response: unknown },
): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ statusCode: answer.statusCode, response: answer.response })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

export async function deleteIdempotencyKeysOlderThan(db: Db, cutoff: Date): Promise<number> {
  const deleted = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, cutoff))
    .returning({ key: idempotencyKeys.key });
  return deleted.length;
}

export async function deleteExpiredIdempotencyKey(tx: Db, userId: string, key: string, cutoff: Date): Promise<void> {
  await tx
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.userId, userId),
        eq(idempotencyKeys.key, key),
        sql`${idempotencyKeys.createdAt} < ${cutoff}`,
      ),
    );
}
