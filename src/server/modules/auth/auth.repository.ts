import { and, eq, gt, inArray, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { apiKeys, loginThrottles, refreshTokens } from '../../db/schema/index.js';

export async function insertRefreshToken(db: Db, token: typeof refreshTokens.$inferInsert): Promise<void> {
  await db.insert(refreshTokens).values(token);
}

/** Marks the token used, in the same statement that finds it, so two concurrent refreshes cannot both win. */
export async function consumeRefreshToken(db: Db, tokenHash: string) {
  const [consumed] = await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.revokedAt)))
    .returning();
  return consumed;
}

export async function findRefreshToken(db: Db, tokenHash: string) {
  const [token] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
  return token;
}

/** Whether the session (refresh-token family) still has a token to refresh with: not logged out, not ended. */
export async function hasLiveRefreshToken(db: Db, familyId: string): Promise<boolean> {
  const [live] = await db
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(
      and(
        eq(refreshTokens.familyId, familyId),
        isNull(refreshTokens.revokedAt),
        gt(refreshTokens.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return live !== undefined;
}

/** Deletes the refresh tokens that expired before `before`; answers how many. */
export async function deleteRefreshTokensExpiredBefore(db: Db, before: Date): Promise<number> {
  const deleted = await db
    .delete(refreshTokens)
    .where(lt(refreshTokens.expiresAt, before))
    .returning({ id: refreshTokens.id });
  return deleted.length;
}

/**
 * Failed-login counts that no longer count: their window ended more than `windowMinutes` ago and they
 * lock nothing now. Every e-mail guessed from every address leaves one.
 */
export async function deleteStaleLoginThrottles(db: Db, windowMinutes: number): Promise<number> {
  const deleted = await db
    .delete(loginThrottles)
    .where(
      and(
        lt(loginThrottles.windowStartedAt, sql`now() - make_interval(mins => ${windowMinutes})`),
        or(isNull(loginThrottles.lockedUntil), lt(loginThrottles.lockedUntil, sql`now()`)),
      ),
    )
    .returning({ key: loginThrottles.emailKey });
  return deleted.length;
}

export async function revokeRefreshTokenFamily(db: Db, familyId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

/**
 * The user's sessions (refresh-token families) that ended within the last `seconds`: a token of theirs
 * was revoked then and none is left to refresh with. A refresh revokes the token it spends too, but
 * leaves its successor live, so a session in use never reads as ended.
 */
export async function findSessionsEndedWithin(db: Db, userId: string, seconds: number): Promise<string[]> {
  const live = alias(refreshTokens, 'live');
  const rows = await db
    .selectDistinct({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(
      and(
        eq(refreshTokens.userId, userId),
        gt(refreshTokens.revokedAt, sql`now() - make_interval(secs => ${seconds})`),
        notExists(
          db
            .select({ id: live.id })
            .from(live)
            .where(
              and(eq(live.familyId, refreshTokens.familyId), isNull(live.revokedAt), gt(live.expiresAt, sql`now()`)),
            ),
        ),
      ),
    );
  return rows.map((row) => row.familyId);
}

export async function revokeRefreshTokensOfUser(db: Db, userId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}

export async function findActiveApiKeyByHash(db: Db, keyHash: string) {
  const [key] = await db
    .select()
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.keyHash, keyHash),
        isNull(apiKeys.revokedAt),
        sql`(${apiKeys.expiresAt} is null or ${apiKeys.expiresAt} > now())`,
      ),
    );
  return key;
}

export async function touchApiKey(db: Db, id: string): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, id));
}

/**
 * Counts one failed login in the current window (a window older than `windowMinutes` starts again)
 * and locks the address once the count reaches `maxFailures`. One statement, so concurrent guesses
 * are all counted.
 */
export async function recordLoginFailure(
  db: Db,
  emailKey: string,
  policy: { maxFailures: number; windowMinutes: number },
) {
  const window = sql`make_interval(mins => ${policy.windowMinutes})`;
  const [throttle] = await db
    .insert(loginThrottles)
    .values({ emailKey, failures: 1 })
    .onConflictDoUpdate({
      target: loginThrottles.emailKey,
      set: {
        failures: sql`case when ${loginThrottles.windowStartedAt} < now() - ${window} then 1 else ${loginThrottles.failures} + 1 end`,
        windowStartedAt: sql`case when ${loginThrottles.windowStartedAt} < now() - ${window} then now() else ${loginThrottles.windowStartedAt} end`,
      },
    })
    .returning();
  if (throttle && throttle.failures >= policy.maxFailures) {
    await db
      .update(loginThrottles)
      .set({ lockedUntil: sql`now() + ${window}`, failures: 0, windowStartedAt: sql`now()` })
      .where(eq(loginThrottles.emailKey, emailKey));
  }
}

export async function clearLoginThrottle(db: Db, emailKey: string): Promise<void> {
  await db.delete(loginThrottles).where(eq(loginThrottles.emailKey, emailKey));
}

/** The latest time any of the keys is locked until; undefined when none is locked now. */
export async function lockedUntilOf(db: Db, keys: string[]): Promise<Date | undefined> {
  const locks = await db
    .select({ lockedUntil: loginThrottles.lockedUntil })
    .from(loginThrottles)
    .where(and(inArray(loginThrottles.emailKey, keys), gt(loginThrottles.lockedUntil, sql`now()`)));
  const latest = Math.max(0, ...locks.map((lock) => lock.lockedUntil?.getTime() ?? 0));
  return latest === 0 ? undefined : new Date(latest);
}
