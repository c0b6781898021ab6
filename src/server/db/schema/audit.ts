import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { nowInMilliseconds, timestampColumn } from './columns.js';

/** One row per create, update, delete or restore, written in the same transaction as the change. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    /** The user who made the change; null for system work (bootstrap, migrations, jobs). */
    actorId: uuid('actor_id'),
    /** create | update | delete | restore | merge | … */
    action: text('action').notNull(),
    /** The resource name as in the API path, e.g. users, accounts. */
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    /** Only the fields that changed, as they were before and after. */
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    occurredAt: timestampColumn('occurred_at').notNull().default(nowInMilliseconds),
  },
  (table) => [
    index('audit_log_entity_idx').on(table.entity, table.entityId, table.occurredAt),
    index('audit_log_occurred_at_idx').on(table.occurredAt, table.id),
  ],
);
