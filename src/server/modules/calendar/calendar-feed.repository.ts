import { and, eq, gte, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { accounts, activities, calendarFeeds, tasks, users } from '../../db/schema/index.js';
import { allOf } from '../../platform/keyset.js';
import type { Viewer } from '../../platform/viewer.js';
import { visibleAccounts } from '../../platform/visibility.js';
import { visibleActivities } from '../activities/activities.repository.js';
import { visibleTasks } from '../tasks/tasks.repository.js';

export type FeedRow = typeof calendarFeeds.$inferSelect;

export async function findFeedOf(db: Db, userId: string): Promise<FeedRow | undefined> {
  const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  return row;
}

/** The active user a feed token belongs to: none for an unknown token, or a user who left. */
export async function findFeedUser(db: Db, tokenHash: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: users.id, name: users.name })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), eq(users.active, true), isNull(users.deletedAt)));
  return row;
}

/** One feed per user: a new token replaces the old one, whose address stops working at once. */
export async function replaceFeed(db: Db, userId: string, tokenHash: string): Promise<FeedRow> {
  const [row] = await db
    .insert(calendarFeeds)
    .values({ userId, tokenHash, createdAt: new Date(), lastReadAt: null })
    .onConflictDoUpdate({
      target: calendarFeeds.userId,
      set: { tokenHash, createdAt: new Date(), lastReadAt: null },
    })
    .returning();
  return row as FeedRow;
}

export async function deleteFeed(db: Db, userId: string): Promise<boolean> {
  const deleted = await db.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId)).returning();
  return deleted.length > 0;
}

/** Apps poll every few minutes: the time of the last read is written at most once a minute. */
export async function touchFeed(db: Db, userId: string): Promise<void> {
  await db
    .update(calendarFeeds)
    .set({ lastReadAt: new Date() })
    .where(
      and(
        eq(calendarFeeds.userId, userId),
        sql`(${calendarFeeds.lastReadAt} is null or ${calendarFeeds.lastReadAt} < now() - interval '1 minute')`,
      ),
    );
}

/** An account's address on one line, as calendars show a place. */
export const accountAddress = sql<
  string | null
>`nullif(concat_ws(', ', ${accounts.street}, nullif(concat_ws(' ', ${accounts.postalCode}, ${accounts.city}), '')), '')`;

/** The user's own scheduled activities in a window, not cancelled, with their account's name and address. */
export function feedActivities(db: Db, viewer: Viewer, window: { from: Date; until: Date; limit: number }) {
  return db
    .select({
      id: activities.id,
      type: activities.type,
      subject: activities.subject,
      description: activities.description,
      status: activities.status,
      outcome: activities.outcome,
      scheduledAt: activities.scheduledAt,
      durationMinutes: activities.durationMinutes,
      locationAddress: activities.locationAddress,
      version: activities.version,
      updatedAt: activities.updatedAt,
      accountId: activities.accountId,
      contactId: activities.contactId,
      leadId: activities.leadId,
      opportunityId: activities.opportunityId,
      accountName: accounts.name,
      accountAddress,
    })
    .from(activities)
    .leftJoin(
      accounts,
      allOf(eq(accounts.id, activities.accountId), isNull(accounts.deletedAt), visibleAccounts(viewer)),
    )
    .where(
      allOf(
        eq(activities.ownerId, viewer.userId),
        isNull(activities.deletedAt),
        ne(activities.status, 'cancelled'),
        gte(activities.scheduledAt, window.from),
        lt(activities.scheduledAt, window.until),
        visibleActivities(viewer),
      ),
    )
    .orderBy(activities.scheduledAt, activities.id)
    .limit(window.limit);
}

/** The user's tasks still to do that have a due time in the window. */
export function feedTasks(db: Db, viewer: Viewer, window: { from: Date; until: Date; limit: number }) {
  return db
    .select({
      id: tasks.id,
      title: tasks.title,
      description: tasks.description,
      priority: tasks.priority,
      dueAt: tasks.dueAt,
      version: tasks.version,
      updatedAt: tasks.updatedAt,
      accountName: accounts.name,
    })
    .from(tasks)
    .leftJoin(accounts, allOf(eq(accounts.id, tasks.accountId), isNull(accounts.deletedAt), visibleAccounts(viewer)))
    .where(
      allOf(
        eq(tasks.assigneeId, viewer.userId),
        isNull(tasks.deletedAt),
        inArray(tasks.status, ['open', 'in_progress']),
        gte(tasks.dueAt, window.from),
        lt(tasks.dueAt, window.until),
        visibleTasks(viewer),
      ),
    )
    .orderBy(tasks.dueAt, tasks.id)
    .limit(window.limit);
}
