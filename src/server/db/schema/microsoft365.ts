import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { activities } from './activities.js';
import { timestampColumn } from './columns.js';
import { users } from './users.js';

/**
 * Office 365 mailbox sync: where each user's mail folder was last read. Graph's delta query hands back a
 * link that asks only for what changed since; keeping it per folder lets a restarted worker carry on
 * where the last one stopped, and a lease keeps two workers from reading the same folder at once.
 */
export const mailboxSyncStates = pgTable(
  'mailbox_sync_states',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Graph's well-known folder name: inbox | sentitems */
    folder: text('folder').notNull(),
    /** Graph's @odata.deltaLink of the last complete round; null until the first one completes. */
    deltaLink: text('delta_link'),
    /** Mail received before this instant is history, not to be logged (set when the user's sync starts). */
    since: timestampColumn('since').notNull(),
    syncedAt: timestampColumn('synced_at'),
    leaseUntil: timestampColumn('lease_until'),
    /** Consecutive failed rounds, and why the last one failed: shown to admins, cleared by a good round. */
    failures: integer('failures').notNull().default(0),
    lastError: text('last_error'),
  },
  (table) => [primaryKey({ columns: [table.userId, table.folder] })],
);

/**
 * Office 365 calendar push: the Outlook event an activity was written as, in whose calendar, and at
 * which version of the activity. An activity whose version moved on is written again; one that was
 * cancelled, deleted or given to someone else has its event removed.
 */
export const outlookEvents = pgTable(
  'outlook_events',
  {
    activityId: uuid('activity_id')
      .primaryKey()
      .references(() => activities.id),
    /** The user whose calendar holds the event (the activity's owner when it was written). */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Graph's id of the event; null while the first write has not succeeded. */
    eventId: text('event_id'),
    /** The activity version the event shows; null when it must be written again. */
    syncedVersion: integer('synced_version'),
    syncedAt: timestampColumn('synced_at'),
    leaseUntil: timestampColumn('lease_until'),
    failures: integer('failures').notNull().default(0),
    retryAt: timestampColumn('retry_at'),
    lastError: text('last_error'),
  },
  (table) => [
    index('outlook_events_user_idx').on(table.userId),
    // The due events, by when: each round claims the earliest without reading the settled ones.
    index('outlook_events_due_idx').on(table.retryAt, table.activityId).where(sql`${table.retryAt} is not null`),
  ],
);

/**
 * How far a background sync has read a table by (updated_at, id): each round reads the rows changed after
 * this position, in that order, and moves it on, so a round costs what changed rather than the table.
 */
export const syncCursors = pgTable('sync_cursors', {
  /** The sync that owns it, e.g. "outlook-events". */
  name: text('name').primaryKey(),
  updatedAt: timestampColumn('updated_at').notNull(),
  recordId: uuid('record_id').notNull(),
});
