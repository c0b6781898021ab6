import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { nowInMilliseconds, timestampColumn } from './columns.js';

/**
 * The durable job queue: side effects (e-mails, webhooks, reminders, scheduled reports) are written here
 * in the transaction of the change that causes them, and the worker performs them afterwards.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    /** The job definition's name, e.g. "forecast-snapshot". */
    name: text('name').notNull(),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    /** queued | running | completed | failed (gave up after max_attempts) */
    status: text('status').notNull().default('queued'),
    /** Not before this time; a retry moves it forward with backoff. */
    runAt: timestampColumn('run_at').notNull().default(nowInMilliseconds),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    /** A running job whose lock expired belongs to a worker that died: it is taken again. */
    lockedUntil: timestampColumn('locked_until'),
    lastError: text('last_error'),
    /** At most one job with this key ever exists: enqueueing the same occurrence twice is a no-op. */
    singletonKey: text('singleton_key'),
    createdAt: timestampColumn('created_at').notNull().default(nowInMilliseconds),
    completedAt: timestampColumn('completed_at'),
  },
  (table) => [
    index('jobs_due_idx').on(table.runAt).where(sql`${table.status} in ('queued', 'running')`),
    uniqueIndex('jobs_singleton_key_unique').on(table.singletonKey),
    check('jobs_status_check', sql`${table.status} in ('queued', 'running', 'completed', 'failed')`),
  ],
);
