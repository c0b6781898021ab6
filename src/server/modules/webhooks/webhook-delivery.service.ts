import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { systemViewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import { SIGNATURE_HEADER, signWebhookBody } from './webhook-signature.js';
import {
  claimDueDeliveries,
  type DueDelivery,
  disableWebhook,
  findWebhook,
  finishAttempt,
  toWebhook,
} from './webhooks.repository.js';

/** How long an endpoint has to answer: receivers should queue the work and answer at once. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Pauses after attempts 1 to 7: about 42 hours of retries in all, as endpoints come back from outages. */
const RETRY_PAUSES_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 24 * 3_600_000];
export const MAX_ATTEMPTS = RETRY_PAUSES_MS.length + 1;
/** Longer than an attempt can take. */
const LEASE_MS = 2 * 60_000;
const BATCH_SIZE = 25;
/** Endpoints called at once: a slow one does not hold up the rest of a batch. */
const CONCURRENCY = 5;
/** Deliveries per run: a backlog drains over several runs. */
const RUN_LIMIT = 500;
/** What of an endpoint's answer is kept to say why it failed. */
const ANSWER_KEPT = 300;

export type WebhookRunOutcome = { delivered: number; retrying: number; failed: number };

/**
 * POSTs every due delivery to its endpoint, signed with the endpoint's secret. A 2xx answer delivers it;
 * 410 Gone turns the endpoint off (it said it is gone for good); anything else, a timeout or a network
 * error is retried with growing pauses until MAX_ATTEMPTS, then the delivery is failed. Redirects are
 * not followed: the configured URL is the one trusted with the data.
 */
export async function deliverDueWebhooks(
  deps: Deps,
  options: { now?: () => Date; fetch?: typeof fetch } = {},
): Promise<WebhookRunOutcome> {
  const now = options.now ?? (() => new Date());
  const send = options.fetch ?? fetch;
  const outcome: WebhookRunOutcome = { delivered: 0, retrying: 0, failed: 0 };
  const { db } = deps.database;
  for (let taken = 0; taken < RUN_LIMIT; ) {
    const claimedAt = now();
    const leaseUntil = new Date(claimedAt.getTime() + LEASE_MS);
    const claimed = await claimDueDeliveries(db, { now: claimedAt, leaseUntil, limit: BATCH_SIZE });
    for (let index = 0; index < claimed.length; index += CONCURRENCY) {
      const results = await Promise.all(
        claimed.slice(index, index + CONCURRENCY).map((delivery) => attempt(deps, send, delivery, leaseUntil, now)),
      );
      for (const result of results) outcome[result] += 1;
    }
    taken += claimed.length;
    if (claimed.length < BATCH_SIZE) break;
  }
  return outcome;
}

async function attempt(
  deps: Deps,
  send: typeof fetch,
  delivery: DueDelivery,
  leaseUntil: Date,
  now: () => Date,
): Promise<keyof WebhookRunOutcome> {
  const { db } = deps.database;
  const answer = await post(send, delivery, now);
  if (answer.status !== null && answer.status >= 200 && answer.status < 300) {
    await finishAttempt(db, delivery, leaseUntil, {
      status: 'delivered',
      nextAttemptAt: null,
      deliveredAt: now(),
      responseStatus: answer.status,
      error: null,
    });
    return 'delivered';
  }
  const gone = answer.status === 410;
  if (gone || delivery.attempts >= MAX_ATTEMPTS) {
    await inTransaction(db, async (tx) => {
      await finishAttempt(tx, delivery, leaseUntil, {
        status: 'failed',
        nextAttemptAt: null,
        deliveredAt: null,
        responseStatus: answer.status,
        error: answer.error,
      });
      if (gone) await turnOff(tx, delivery.webhookId, `the endpoint answered 410 Gone on ${now().toISOString()}`);
    });
    return 'failed';
  }
  await finishAttempt(db, delivery, leaseUntil, {
    status: 'pending',
    nextAttemptAt: new Date(now().getTime() + (RETRY_PAUSES_MS[delivery.attempts - 1] ?? 0)),
    deliveredAt: null,
    responseStatus: answer.status,
    error: answer.error,
  });
  return 'retrying';
}

async function post(
  send: typeof fetch,
  delivery: DueDelivery,
  now: () => Date,
): Promise<{ status: number | null; error: string | null }> {
  const timestamp = Math.floor(now().getTime() / 1000);
  try {
    const response = await send(delivery.url, {
      method: 'POST',
      body: delivery.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Meridian-Webhooks/1',
        'meridian-event-id': delivery.eventId,
        'meridian-event-type': delivery.eventType,
        'meridian-delivery-attempt': String(delivery.attempts),
        [SIGNATURE_HEADER]: signWebhookBody(delivery.secret, delivery.body, timestamp),
      },
    });
    const text = await response.text().catch(() => '');
    const ok = response.status >= 200 && response.status < 300;
    return {
      status: response.status,
      error: ok ? null : `HTTP ${response.status}${text ? `: ${text.slice(0, ANSWER_KEPT)}` : ''}`,
    };
  } catch (error) {
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`
        : `could not reach the endpoint: ${causeOf(error)}`;
    return { status: null, error: reason };
  }
}

/** fetch says "fetch failed"; the reason (refused, unknown host) is its cause. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

async function turnOff(tx: Db, webhookId: string, reason: string): Promise<void> {
  const before = await findWebhook(tx, webhookId);
  const after = await disableWebhook(tx, webhookId, reason);
  if (!before || !after) return;
  await recordChange(tx, systemViewer(), {
    action: 'update',
    entity: 'webhooks',
    entityId: webhookId,
    before: toWebhook(before),
    after: toWebhook(after),
  });
}
