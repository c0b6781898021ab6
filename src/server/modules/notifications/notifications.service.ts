import { v7 as uuidv7 } from 'uuid';
import type {
  ListNotificationsQuery,
  Notification,
  NotificationPage,
} from '../../../shared/contracts/notifications.js';
import { notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import type { Viewer } from '../../platform/viewer.js';
import { emailNotifications } from './notification-email.js';
import {
  countUnreadNotifications,
  insertNotifications,
  listOwnNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  toNotification,
} from './notifications.repository.js';

export type NewNotification = {
  userId: string;
  kind: string;
  title: string;
  body: string | null;
  entity: string | null;
  entityId: string | null;
};

/** The caller's inbox, newest first, with the count of everything still unread. */
export async function listNotifications(
  deps: Deps,
  viewer: Viewer,
  query: ListNotificationsQuery,
): Promise<NotificationPage> {
  const { db } = deps.database;
  const page = await listOwnNotifications(db, viewer, query);
  return { ...page, unreadCount: await countUnreadNotifications(db, viewer) };
}

/** Marks one of the caller's notifications read; someone else's is `404`, as if it did not exist. */
export async function readNotification(deps: Deps, viewer: Viewer, id: string): Promise<Notification> {
  const row = await markNotificationRead(deps.database.db, viewer, id, new Date());
  if (!row) throw notFound('notification');
  return toNotification(row);
}

export async function readAllNotifications(deps: Deps, viewer: Viewer): Promise<{ updated: number }> {
  return { updated: await markAllNotificationsRead(deps.database.db, viewer, new Date()) };
}

/**
 * Raises notifications in the caller's transaction, so they exist exactly when the change behind them
 * commits, and queues the e-mail of those their recipients asked to have e-mailed.
 */
export async function createNotifications(tx: Db, deps: Deps, notifications: NewNotification[]): Promise<void> {
  const raised = notifications.map((notification) => ({ id: uuidv7(), ...notification }));
  await insertNotifications(tx, raised);
  await emailNotifications(tx, deps, raised);
}
