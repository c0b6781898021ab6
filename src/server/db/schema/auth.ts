import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { nowInMilliseconds, timestampColumn } from './columns.js';
import { users } from './users.js';

/** Refresh tokens rotate on every use; a reused (already rotated) token revokes its whole family. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** All tokens descended from one login share a family, so theft detection can revoke them together. */
    familyId: uuid('family_id').notNull(),
    /** SHA-256 of the token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestampColumn('created_at').notNull().defaultNow(),
    expiresAt: timestampColumn('expires_at').notNull(),
    /** Set when the token was rotated or the family was logged out. */
    revokedAt: timestampColumn('revoked_at'),
  },
  (table) => [index('refresh_tokens_family_idx').on(table.familyId), index('refresh_tokens_user_idx').on(table.userId)],
);

/** Long-lived keys for integrations, shown once and stored hashed. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    /** The first characters of the key, so people can tell their keys apart. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the key: keys are 256 random bits, so a fast hash is safe and keeps requests fast. */
    keyHash: text('key_hash').notNull().unique(),
    /** read: GET only; write: every method. */
    scopes: text('scopes').array().notNull(),
    createdAt: timestampColumn('created_at').notNull().defaultNow(),
    /** Changes with the name only: using a key (lastUsedAt) is not a change of it. */
    updatedAt: timestampColumn('updated_at').notNull().default(nowInMilliseconds),
    version: integer('version').notNull().default(1),
    expiresAt: timestampColumn('expires_at'),
    lastUsedAt: timestampColumn('last_used_at'),
    revokedAt: timestampColumn('revoked_at'),
  },
  (table) => [index('api_keys_user_idx').on(table.userId, table.createdAt)],
);

/** Failed logins per e-mail address, so password guessing is slowed down across processes. */
export const loginThrottles = pgTable('login_throttles', {
  /**
   * lower(email) as typed at login, whether or not such a user exists: alone for the account-wide count,
   * followed by a space and the client's address for the count of one client.
   */
  emailKey: text('email_key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestampColumn('window_started_at').notNull().defaultNow(),
  lockedUntil: timestampColumn('locked_until'),
});

/**
 * A user's calendar subscription: the address a calendar app (Outlook, Google Calendar, Apple Calendar)
 * polls for their activities. One per user; making a new one replaces the old address.
 */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  /** SHA-256 of the token in the address; the token itself is never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestampColumn('created_at').notNull().defaultNow(),
  /** When a calendar app last fetched it: tells the user the subscription works. */
  lastReadAt: timestampColumn('last_read_at'),
});

/**
 * One-time links that let a person choose their password without signing in: a reset they asked for
 * ("Forgot your password?") or an invitation an admin's new account sends. Only the token's SHA-256 is
 * kept; a link works once, until it expires, and a newer link of the same person ends the older ones.
 */
export const passwordLinks = pgTable(
  'password_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** reset | invitation */
    purpose: text('purpose').notNull(),
    createdAt: timestampColumn('created_at').notNull().defaultNow(),
    expiresAt: timestampColumn('expires_at').notNull(),
    /** When it was used, or ended by a newer link or a password change. */
    endedAt: timestampColumn('ended_at'),
  },
  (table) => [index('password_links_user_idx').on(table.userId, table.createdAt)],
);
