import { integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestampColumn } from './columns.js';

/** The first answer to a request sent with an Idempotency-Key, replayed to retries for 24 hours. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Keys are per caller: two users may pick the same key without seeing each other's answers. */
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    /** The operation, e.g. "POST /api/v1/users": one key cannot be reused for a different call. */
    operation: text('operation').notNull(),
    /** SHA-256 of the canonical request body: the same key with another body is a conflict. */
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: timestampColumn('created_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.key] })],
);
