import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, timestampColumn } from './columns.js';

export const users = pgTable(
  'users',
  {
    ...recordColumns(),
    /** Stored as typed; uniqueness and look-ups use lower(email). */
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** admin | manager | rep: decides what the user may see and change. */
    role: text('role').notNull(),
    /** Territories the user works in; visibility follows them. */
    territoryIds: uuid('territory_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The user's manager; a manager sees the records of everyone below them. */
    managerId: uuid('manager_id').references((): AnyPgColumn => users.id),
    /** An inactive user cannot log in and their tokens and keys stop working. */
    active: boolean('active').notNull().default(true),
    /** argon2id hash; null for a user who has never been given a password. */
    passwordHash: text('password_hash'),
  },
  (table) => [
    uniqueIndex('users_email_unique').on(sql`lower(${table.email})`).where(sql`${table.deletedAt} is null`),
    index('users_name_id_idx').on(table.name, table.id),
    index('users_created_at_id_idx').on(table.createdAt, table.id),
    index('users_updated_at_id_idx').on(table.updatedAt, table.id),
    index('users_manager_id_idx').on(table.managerId),
    check('users_role_check', sql`${table.role} in ('admin', 'manager', 'rep')`),
  ],
);

/** What each user chose for themselves: their time zone, and which notifications also reach them by e-mail. */
export const userPreferences = pgTable('user_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  /** IANA name; null: UTC. */
  timeZone: text('time_zone'),
  /** Notification kinds also e-mailed (see emailNotificationKinds). */
  emailNotifications: text('email_notifications').array().notNull().default(sql`'{}'::text[]`),
  updatedAt: timestampColumn('updated_at').notNull().defaultNow(),
});
