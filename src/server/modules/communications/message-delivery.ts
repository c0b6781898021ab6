/*
 * What e-mail and text delivery share: the moment to take a message back, how often it is tried, and how
 * the outcome of an attempt is written (versioned and audited, its owner told when it will not go).
 */
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { systemViewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import { createNotifications } from '../notifications/notifications.service.js';
import { type CommunicationRow, toCommunication } from './communications.repository.js';
import { finishDelivery } from './email-delivery.repository.js';

/**
 * A message goes once it has been left alone this long after it was queued or last changed: the moment
 * to take it back ("Undo") that mail clients give, and a client that queues and then edits at once sends
 * what it meant.
 */
export const UNDO_SEND_MS = 10_000;
/** Attempts of a message the transport could not take, before it is marked failed: over about 15 minutes. */
export const MAX_DELIVERY_ATTEMPTS = 5;
export type DeliveryOutcome = { sent: number; failed: number; retrying: number };

/**
 * Writes the outcome of a failed attempt: failed for good when the transport says so or the attempts are
 * used up, else queued again after a growing pause, with the reason either way.
 */
export async function settleFailure(
  deps: Deps,
  row: CommunicationRow,
  leaseUntil: Date,
  failure: { message: string; permanent: boolean },
  now: Date,
): Promise<'failed' | 'retrying'> {
  if (failure.permanent || row.deliveryAttempts >= MAX_DELIVERY_ATTEMPTS) {
    await settleDelivery(deps, row, leaseUntil, {
      status: 'failed',
      deliveryRetryAt: null,
      deliveryError: failure.message,
    });
    return 'failed';
  }
  await settleDelivery(deps, row, leaseUntil, {
    deliveryRetryAt: new Date(now.getTime() + retryPauseMs(row.deliveryAttempts)),
    deliveryError: `attempt ${row.deliveryAttempts} of ${MAX_DELIVERY_ATTEMPTS} failed, will retry: ${failure.message}`,
  });
  return 'retrying';
}

/** Writes an attempt's outcome as one versioned, audited change of the message (if the lease is still ours). */
export async function settleDelivery(
  deps: Deps,
  before: CommunicationRow,
  leaseUntil: Date,
  outcome: Parameters<typeof finishDelivery>[3],
): Promise<CommunicationRow | undefined> {
  return inTransaction(deps.database.db, async (tx) => {
    const after = await finishDelivery(tx, before.id, leaseUntil, outcome);
    if (after) {
      await recordChange(tx, systemViewer(), {
        action: 'update',
        entity: 'communications',
        entityId: after.id,
        before: toCommunication(before),
        after: toCommunication(after),
      });
      if (after.status === 'failed') await notifyOwnerOfFailure(tx, deps, after);
    }
    return after;
  });
}

/**
 * The owner hears of a message that will not go, where they look every day: the app's notifications. It
 * points at the record the message is on (its timeline shows the message and the reason): the contact or
 * lead it was written to before the deal or account around it.
 */
async function notifyOwnerOfFailure(tx: Db, deps: Deps, message: CommunicationRow): Promise<void> {
  if (!message.ownerId) return;
  const [entity, entityId] = (
    [
      ['contacts', message.contactId],
      ['leads', message.leadId],
      ['opportunities', message.opportunityId],
      ['accounts', message.accountId],
    ] as const
  ).find(([, id]) => id !== null) ?? ['communications', message.id];
  await createNotifications(tx, deps, [
    {
      userId: message.ownerId,
      kind: message.channel === 'sms' ? 'sms_failed' : 'email_failed',
      title:
        message.channel === 'sms'
          ? `Text not sent to ${message.toAddresses.join(', ')}`
          : `E-mail not sent: ${message.subject ?? '(no subject)'}`,
      body: message.deliveryError,
      entity,
      entityId,
    },
  ]);
}

/** 1, 2, 4, 8 minutes after attempts 1 to 4. */
export function retryPauseMs(attempts: number): number {
  return 60_000 * 2 ** Math.max(0, attempts - 1);
}
