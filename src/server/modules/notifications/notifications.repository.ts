import { and, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { ListNotificationsQuery, Notification } from '../../../shared/contracts/notifications.js';
import type { Db } from '../../db/client.js';
import { notifications } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import type { Viewer } from '../../platform/viewer.js';

export type NotificationRow = typeof notifications.$inferSelect;

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    userId: row.userId,
    kind: row.kind,
    title: row.title,
    body: row.body,
    entity: row.entity,
    entityId: row.entityId,
    readAt: row.readAt ? row.readAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Visibility of notifications: a notification is its recipient's alone, whatever their role (an admin
 * does not read other people's inbox), so this replaces the usual visibleRecords predicate.
 */
function ownNotifications(viewer: Viewer): SQL {
  return eq(notifications.userId, viewer.userId);
}

/** Newest first by default: an inbox's order, walked backwards along notifications_user_idx. */
const NEWEST_FIRST = '-createdAt';
const notificationSorts: SortFields<NotificationRow> = {
  createdAt: { expression: notifications.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
};

export async function listOwnNotifications(db: Db, viewer: Viewer, query: ListNotificationsQuery) {
  const keyset = keysetPage({
    fields: notificationSorts,
    sort: query.sort,
    defaultSort: NEWEST_FIRST,
    cursor: query.cursor,
    idColumn: notifications.id,
  });
  const filter = allOf(
    ownNotifications(viewer),
    query.unread === undefined
      ? undefined
      : query.unread
        ? isNull(notifications.readAt)
        : isNotNull(notifications.readAt),
  );
  const rows = await db
    .select()
    .from(notifications)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(notifications, filter) : undefined;
  return {
    data: page.rows.map(toNotification),
    nextCursor: page.nextCursor,
    ...(total === undefined ? {} : { total }),
  };
}

export function countUnreadNotifications(db: Db, viewer: Viewer): Promise<number> {
  return db.$count(notifications, and(ownNotifications(viewer), isNull(notifications.readAt)));
}

/** Marks one of the viewer's notifications read (keeping the first read time); undefined when not theirs. */
export async function markNotificationRead(db: Db, viewer: Viewer, id: string, now: Date) {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), ownNotifications(viewer)))
    .returning();
  return row;
}

/** Marks every unread notification of the viewer read; answers how many there were. */
export async function markAllNotificationsRead(db: Db, viewer: Viewer, now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(ownNotifications(viewer), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function insertNotifications(db: Db, rows: (typeof notifications.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(notifications).values(rows);
}
