import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { userPreferences, users } from '../../db/schema/index.js';

export type PreferencesRow = typeof userPreferences.$inferSelect;

export async function findPreferences(db: Db, userId: string): Promise<PreferencesRow | undefined> {
  const [row] = await preferencesOf(db, [userId]);
  return row;
}

/** The preferences of several users at once (those who never set any have no row). */
export function preferencesOf(db: Db, userIds: readonly string[]): Promise<PreferencesRow[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(userPreferences)
    .where(inArray(userPreferences.userId, [...new Set(userIds)]));
}

/** The active users among `userIds` who chose notifications to be e-mailed, with the kinds they chose. */
export function emailRecipientsOf(db: Db, userIds: readonly string[]) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, kinds: userPreferences.emailNotifications })
    .from(users)
    .innerJoin(userPreferences, eq(userPreferences.userId, users.id))
    .where(and(inArray(users.id, [...new Set(userIds)]), eq(users.active, true), isNull(users.deletedAt)));
}

/** Writes what changed; a field left out keeps its value (or its default, the first time). */
export async function savePreferences(
  db: Db,
  userId: string,
  changes: Partial<Pick<PreferencesRow, 'timeZone' | 'emailNotifications'>>,
): Promise<PreferencesRow> {
  const updatedAt = new Date();
  const [row] = await db
    .insert(userPreferences)
    .values({ userId, ...changes, updatedAt })
    .onConflictDoUpdate({ target: userPreferences.userId, set: { ...changes, updatedAt } })
    .returning();
  return row as PreferencesRow;
}
