import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Page } from '../../../shared/contracts/common.js';
import type {
  CreatedWebhook,
  CreateWebhookInput,
  ListWebhookDeliveriesQuery,
  ListWebhooksQuery,
  UpdateWebhookInput,
  Webhook,
  WebhookDelivery,
} from '../../../shared/contracts/webhooks.js';
import { AppError, notFound } from '../../../shared/errors.js';
import { webhooks } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { enqueueJob } from '../../jobs/queue.js';
import { webhookDeliveryJob } from '../../jobs/webhook-delivery.job.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import { isAdmin, type Viewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import { queuePing } from './webhook-events.js';
import { SECRET_PREFIX } from './webhook-signature.js';
import {
  findDelivery,
  findWebhook,
  insertWebhook,
  listDeliveryRows,
  listWebhookRows,
  replaceWebhookSecret,
  requeueDelivery,
  toDelivery,
  toWebhook,
} from './webhooks.repository.js';

const ENTITY = 'webhooks';

/** Webhooks send every record of the kinds they name, whoever may see it: only admins configure them. */
function requireAdmin(viewer: Viewer) {
  if (!isAdmin(viewer)) throw new AppError('forbidden', 'only admins manage webhooks');
}

function lifecycle(viewer: Viewer): Lifecycle<typeof webhooks, Webhook> {
  return {
    table: webhooks,
    entity: ENTITY,
    label: 'webhook',
    find: (tx, id, options) => findWebhook(tx, id, options),
    toApi: toWebhook,
    authorize: () => requireAdmin(viewer),
  };
}

const newSecret = () => `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;

/** Subscriptions are sets: the same pattern twice is once. */
const distinct = (events: string[]) => [...new Set(events)];

export async function listWebhooks(deps: Deps, viewer: Viewer, query: ListWebhooksQuery): Promise<Page<Webhook>> {
  requireAdmin(viewer);
  return listWebhookRows(deps.database.db, query);
}

export async function getWebhook(deps: Deps, viewer: Viewer, id: string): Promise<Webhook> {
  requireAdmin(viewer);
  const row = await findWebhook(deps.database.db, id);
  if (!row) throw notFound('webhook');
  return toWebhook(row);
}

/** A new endpoint, with its signing secret: in this answer only (a retry with the same key answers it again). */
export async function createWebhook(
  deps: Deps,
  viewer: Viewer,
  input: CreateWebhookInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<CreatedWebhook> {
  requireAdmin(viewer);
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, async (tx) => {
    const secret = newSecret();
    const row = await insertWebhook(tx, { id: uuidv7(), ...input, events: distinct(input.events), secret });
    const webhook = toWebhook(row);
    await recordChange(tx, viewer, {
      action: 'create',
      entity: ENTITY,
      entityId: webhook.id,
      before: null,
      after: webhook,
    });
    return { ...webhook, secret };
  });
  return result;
}

/** Turning an endpoint on again clears why Meridian turned it off. */
export async function updateWebhook(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateWebhookInput,
  expectedVersion: number | undefined,
): Promise<Webhook> {
  const { after } = await inTransaction(deps.database.db, (tx) =>
    changeRecord(tx, viewer, lifecycle(viewer), id, {
      expectedVersion,
      prepare: async () => ({
        ...input,
        ...(input.events ? { events: distinct(input.events) } : {}),
        ...(input.active === true ? { disabledReason: null } : {}),
      }),
    }),
  );
  return after;
}

/** A deleted endpoint gets nothing more; what it had pending stays unsent unless it is restored. */
export async function deleteWebhook(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, (tx) => softDeleteRecord(tx, viewer, lifecycle(viewer), id, expectedVersion));
}

export async function restoreWebhook(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<Webhook> {
  return inTransaction(deps.database.db, (tx) => restoreRecord(tx, viewer, lifecycle(viewer), id, expectedVersion));
}

/** A new signing secret, at once: deliveries from now on are signed with it, retries included. */
export async function rotateWebhookSecret(deps: Deps, viewer: Viewer, id: string): Promise<{ secret: string }> {
  requireAdmin(viewer);
  return inTransaction(deps.database.db, async (tx) => {
    const before = await findWebhook(tx, id);
    if (!before) throw notFound('webhook');
    const secret = newSecret();
    const after = await replaceWebhookSecret(tx, id, secret);
    if (!after) throw notFound('webhook');
    // The audit says the secret changed (the version moved), never what it is.
    await recordChange(tx, viewer, {
      action: 'rotate_secret',
      entity: ENTITY,
      entityId: id,
      before: toWebhook(before),
      after: toWebhook(after),
    });
    return { secret };
  });
}

/** Queues a `ping` for one endpoint: the way to check it is reachable and verifies signatures. */
export async function pingWebhook(deps: Deps, viewer: Viewer, id: string): Promise<WebhookDelivery> {
  requireAdmin(viewer);
  return inTransaction(deps.database.db, async (tx) => {
    const webhook = await findWebhook(tx, id);
    if (!webhook) throw notFound('webhook');
    if (!webhook.active) throw new AppError('conflict', 'the webhook is turned off: turn it on to send it events');
    const eventId = await queuePing(tx, viewer, id);
    return toDelivery((await findDelivery(tx, id, eventId)) as NonNullable<Awaited<ReturnType<typeof findDelivery>>>);
  });
}

export async function listWebhookDeliveries(
  deps: Deps,
  viewer: Viewer,
  id: string,
  query: ListWebhookDeliveriesQuery,
): Promise<Page<WebhookDelivery>> {
  await getWebhook(deps, viewer, id);
  return listDeliveryRows(deps.database.db, id, query);
}

export async function getWebhookDelivery(deps: Deps, viewer: Viewer, id: string, eventId: string) {
  await getWebhook(deps, viewer, id);
  const row = await findDelivery(deps.database.db, id, eventId);
  if (!row) throw notFound('delivery');
  return { ...toDelivery(row), payload: JSON.parse(row.body) as unknown };
}

/** Sends a delivery again (after fixing the endpoint): pending from now, attempts counted afresh. */
export async function redeliverWebhookEvent(
  deps: Deps,
  viewer: Viewer,
  id: string,
  eventId: string,
): Promise<WebhookDelivery> {
  await getWebhook(deps, viewer, id);
  return inTransaction(deps.database.db, async (tx) => {
    const current = await findDelivery(tx, id, eventId);
    if (!current) throw notFound('delivery');
    if (current.status === 'pending' && current.leaseUntil && current.leaseUntil.getTime() > Date.now()) {
      throw new AppError('conflict', 'this delivery is being sent right now: look again in a moment');
    }
    const row = await requeueDelivery(tx, id, eventId);
    await enqueueJob(tx, webhookDeliveryJob, {}, { singletonKey: `${webhookDeliveryJob.name}:${eventId}:${uuidv7()}` });
    return toDelivery(row as NonNullable<typeof row>);
  });
}
