import { and, eq, gte, ilike, inArray, isNull, lte, sql } from 'drizzle-orm';
import type {
  ListWebhookDeliveriesQuery,
  ListWebhooksQuery,
  Webhook,
  WebhookDelivery,
} from '../../../shared/contracts/webhooks.js';
import { type Db, queryRows } from '../../db/client.js';
import { webhookDeliveries, webhooks } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { escapeLike } from '../users/users.repository.js';

export type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    active: row.active,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    eventId: row.eventId,
    type: row.eventType,
    status: row.status as WebhookDelivery['status'],
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    nextAttemptAt: row.status === 'pending' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    responseStatus: row.responseStatus,
    error: row.error,
  };
}

const webhookSorts: SortFields<WebhookRow> = {
  createdAt: { expression: webhooks.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
  updatedAt: { expression: webhooks.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
  url: { expression: webhooks.url, type: 'text', value: (row) => row.url },
};

/** Every webhook: only admins reach this (webhooks.service), and they see everything. */
export async function listWebhookRows(db: Db, query: ListWebhooksQuery) {
  const keyset = keysetPage({
    fields: webhookSorts,
    sort: query.sort,
    defaultSort: 'createdAt',
    cursor: query.cursor,
    idColumn: webhooks.id,
  });
  const filter = allOf(
    isNull(webhooks.deletedAt),
    query.active === undefined ? undefined : eq(webhooks.active, query.active),
    query.createdAtFrom ? gte(webhooks.createdAt, new Date(query.createdAtFrom)) : undefined,
    query.createdAtTo ? lte(webhooks.createdAt, new Date(query.createdAtTo)) : undefined,
    query.updatedAtFrom ? gte(webhooks.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(webhooks.updatedAt, new Date(query.updatedAtTo)) : undefined,
    query.q
      ? ilike(sql`${webhooks.url} || ' ' || coalesce(${webhooks.description}, '')`, `%${escapeLike(query.q)}%`)
      : undefined,
  );
  const rows = await db
    .select()
    .from(webhooks)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(webhooks, filter) : undefined;
  return { data: page.rows.map(toWebhook), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

export async function findWebhook(db: Db, id: string, options: { includeDeleted?: boolean } = {}) {
  const [row] = await db
    .select()
    .from(webhooks)
    .where(allOf(eq(webhooks.id, id), options.includeDeleted ? undefined : isNull(webhooks.deletedAt)));
  return row;
}

export async function insertWebhook(db: Db, row: typeof webhooks.$inferInsert): Promise<WebhookRow> {
  const [inserted] = await db.insert(webhooks).values(row).returning();
  return inserted as WebhookRow;
}

export async function replaceWebhookSecret(db: Db, id: string, secret: string): Promise<WebhookRow | undefined> {
  const [row] = await db
    .update(webhooks)
    .set({ secret, version: sql`${webhooks.version} + 1`, updatedAt: sql`date_trunc('milliseconds', now())` })
    .where(and(eq(webhooks.id, id), isNull(webhooks.deletedAt)))
    .returning();
  return row;
}

/**
 * Queues one event for every live, active endpoint that asked for it (by its type, its record's
 * wildcard or `*`), in the caller's transaction; one statement, and no row when nobody listens.
 * Returns how many deliveries were queued.
 */
export async function queueDeliveries(
  db: Db,
  event: { id: string; type: string; body: string; names: string[]; onlyWebhookId?: string },
): Promise<number> {
  const rows = await queryRows<{ webhook_id: string }>(
    db,
    sql`insert into ${webhookDeliveries} (webhook_id, event_id, event_type, body, next_attempt_at)
      select ${webhooks.id}, ${event.id}, ${event.type}, ${event.body}, date_trunc('milliseconds', now())
      from ${webhooks}
      where ${webhooks.active} and ${webhooks.deletedAt} is null
        and ${event.onlyWebhookId ? sql`${webhooks.id} = ${event.onlyWebhookId}` : sql`${webhooks.events} && ${sql.param(event.names)}::text[]`}
      returning webhook_id`,
  );
  return rows.length;
}

const deliverySorts: SortFields<DeliveryRow & { id: string }> = {
  createdAt: { expression: webhookDeliveries.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
};

/** The deliveries of one endpoint, newest first unless asked otherwise. */
export async function listDeliveryRows(db: Db, webhookId: string, query: ListWebhookDeliveriesQuery) {
  const keyset = keysetPage({
    fields: deliverySorts,
    sort: query.sort,
    defaultSort: '-createdAt',
    cursor: query.cursor,
    idColumn: webhookDeliveries.eventId,
  });
  const filter = allOf(
    eq(webhookDeliveries.webhookId, webhookId),
    query.status ? inArray(webhookDeliveries.status, query.status) : undefined,
    query.q ? ilike(webhookDeliveries.eventType, `%${escapeLike(query.q)}%`) : undefined,
  );
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(
    rows.map((row) => ({ ...row, id: row.eventId })),
    query.limit,
  );
  const total = query.includeTotal ? await db.$count(webhookDeliveries, filter) : undefined;
  return { data: page.rows.map(toDelivery), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

export async function findDelivery(db: Db, webhookId: string, eventId: string) {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.eventId, eventId)));
  return row;
}

/** Sends a delivery again from now, with a fresh count of attempts (an admin's "redeliver"). */
export async function requeueDelivery(db: Db, webhookId: string, eventId: string) {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`date_trunc('milliseconds', now())`, leaseUntil: null })
    .where(and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.eventId, eventId)))
    .returning();
  return row;
}

export type DueDelivery = DeliveryRow & { url: string; secret: string };

/**
 * Takes up to `limit` due deliveries of active endpoints, oldest first, and leases them so no other
 * worker sends them meanwhile (SKIP LOCKED: workers never wait on each other). A lease that ran out
 * (the worker died mid-send) makes a delivery due again.
 */
export async function claimDueDeliveries(
  db: Db,
  options: { now: Date; leaseUntil: Date; limit: number },
): Promise<DueDelivery[]> {
  const rows = await queryRows<{ webhook_id: string; event_id: string }>(
    db,
    sql`update ${webhookDeliveries} d
      set lease_until = ${options.leaseUntil}, attempts = d.attempts + 1, last_attempt_at = ${options.now}
      where (d.webhook_id, d.event_id) in (
        select dd.webhook_id, dd.event_id from ${webhookDeliveries} dd
        join ${webhooks} w on w.id = dd.webhook_id and w.active and w.deleted_at is null
        where dd.status = 'pending' and dd.next_attempt_at <= ${options.now}
          and (dd.lease_until is null or dd.lease_until <= ${options.now})
        order by dd.next_attempt_at, dd.created_at
        limit ${options.limit}
        for update of dd skip locked
      )
      returning d.webhook_id, d.event_id`,
  );
  if (rows.length === 0) return [];
  const claimed = await db
    .select({ delivery: webhookDeliveries, url: webhooks.url, secret: webhooks.secret })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(
      sql`(${webhookDeliveries.webhookId}, ${webhookDeliveries.eventId}) in (${sql.join(
        rows.map((row) => sql`(${row.webhook_id}::uuid, ${row.event_id}::uuid)`),
        sql`, `,
      )})`,
    )
    .orderBy(webhookDeliveries.createdAt, webhookDeliveries.eventId);
  return claimed.map(({ delivery, url, secret }) => ({ ...delivery, url, secret }));
}

/** Writes the outcome of an attempt, if this worker still holds the lease. */
export async function finishAttempt(
  db: Db,
  delivery: { webhookId: string; eventId: string },
  leaseUntil: Date,
  outcome: Pick<DeliveryRow, 'status' | 'nextAttemptAt' | 'deliveredAt' | 'responseStatus' | 'error'>,
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ ...outcome, leaseUntil: null })
    .where(
      and(
        eq(webhookDeliveries.webhookId, delivery.webhookId),
        eq(webhookDeliveries.eventId, delivery.eventId),
        eq(webhookDeliveries.leaseUntil, leaseUntil),
      ),
    );
}

/** Turns an endpoint off for good reason (it answered 410 Gone): it gets nothing until an admin turns it on. */
export async function disableWebhook(db: Db, id: string, reason: string): Promise<WebhookRow | undefined> {
  const [row] = await db
    .update(webhooks)
    .set({
      active: false,
      disabledReason: reason,
      version: sql`${webhooks.version} + 1`,
      updatedAt: sql`date_trunc('milliseconds', now())`,
    })
    .where(and(eq(webhooks.id, id), eq(webhooks.active, true)))
    .returning();
  return row;
}

/** Forgets delivered and failed deliveries older than `before`: the log is for recent troubleshooting. */
export async function pruneDeliveries(db: Db, before: Date): Promise<number> {
  const rows = await queryRows<{ event_id: string }>(
    db,
    sql`delete from ${webhookDeliveries} where status <> 'pending' and created_at < ${before} returning event_id`,
  );
  return rows.length;
}
