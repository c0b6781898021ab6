import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { nowInMilliseconds, recordColumns, timestampColumn } from './columns.js';

/** An endpoint of another system that is told of changes (outbound webhooks; admins manage them). */
export const webhooks = pgTable(
  'webhooks',
  {
    ...recordColumns(),
    url: text('url').notNull(),
    description: text('description'),
    /**
     * Event types, record wildcards (`lead.*`) or `*`; matched with && against an event's three names. A
     * handful of endpoints is read whole faster than through an index, so there is none.
     */
    events: text('events').array().notNull(),
    active: boolean('active').notNull().default(true),
    /** Why Meridian turned the endpoint off (it answered 410 Gone); cleared when an admin turns it on. */
    disabledReason: text('disabled_reason'),
    /** The HMAC key of the signatures: kept as is, since signing needs it (as Stripe and GitHub do). */
    secret: text('secret').notNull(),
  },
  (table) => [
    index('webhooks_created_at_id_idx').on(table.createdAt, table.id),
    index('webhooks_updated_at_id_idx').on(table.updatedAt, table.id),
  ],
);

/**
 * One event for one endpoint: written in the transaction of the change it tells of, so it exists exactly
 * when the change does, and POSTed by the webhook-delivery job until the endpoint answers 2xx or the
 * attempts run out. The body is kept as sent, so its signature and every retry are byte for byte the same.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    body: text('body').notNull(),
    /** pending | delivered | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestampColumn('created_at').notNull().default(nowInMilliseconds),
    nextAttemptAt: timestampColumn('next_attempt_at'),
    /** A worker sending it holds it until then; another may take it over after. */
    leaseUntil: timestampColumn('lease_until'),
    lastAttemptAt: timestampColumn('last_attempt_at'),
    deliveredAt: timestampColumn('delivered_at'),
    responseStatus: integer('response_status'),
    error: text('error'),
  },
  (table) => [
    primaryKey({ columns: [table.webhookId, table.eventId] }),
    index('webhook_deliveries_due_idx').on(table.nextAttemptAt).where(sql`${table.status} = 'pending'`),
    index('webhook_deliveries_webhook_created_idx').on(table.webhookId, table.createdAt, table.eventId),
  ],
);
