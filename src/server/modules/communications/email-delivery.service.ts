import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { formatMailbox, messageIdDomain } from '../../integrations/mail/addresses.js';
import { MailDeliveryError, type MailTransport } from '../../integrations/mail/port.js';
import { mailTransportFor } from '../../integrations/mail/transport.js';
import { systemViewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import { createNotifications } from '../notifications/notifications.service.js';
import { type CommunicationRow, toCommunication } from './communications.repository.js';
import { claimDueEmails, finishDelivery, ownerMailboxes } from './email-delivery.repository.js';

/**
 * A message goes once it has been left alone this long after it was queued or last changed: the moment
 * to take it back ("Undo") that mail clients give, and a client that queues and then edits at once sends
 * what it meant.
 */
export const UNDO_SEND_MS = 10_000;
/** Longer than the slowest transport may take (SMTP: 10 s to connect, 10 s to greet, 30 s per reply). */
const LEASE_MS = 2 * 60_000;
/** Attempts of a message the transport could not take, before it is marked failed: over about 15 minutes. */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** E-mails taken per claim, and per run: a backlog drains over several runs rather than in one long one. */
const BATCH_SIZE = 20;
const RUN_LIMIT = 200;

export type DeliveryOutcome = { sent: number; failed: number; retrying: number };

/**
 * Sends every queued outbound e-mail whose time has come (and that was left unchanged for UNDO_SEND_MS),
 * through the configured transport. A message
 * the transport accepts is marked sent (at the time it went); one it refuses for good, or after
 * MAX_DELIVERY_ATTEMPTS, is marked failed with the reason, and its owner is told in the app; any other
 * failure is retried with a growing pause. Each outcome is one versioned, audited change of the message.
 */
export async function deliverDueEmails(
  deps: Deps,
  options: { transport?: MailTransport; now?: () => Date } = {},
): Promise<DeliveryOutcome> {
  const transport = options.transport ?? mailTransportFor(deps.config);
  const now = options.now ?? (() => new Date());
  const outcome: DeliveryOutcome = { sent: 0, failed: 0, retrying: 0 };
  const { db } = deps.database;
  const idDomain = messageIdDomain(deps.config.mail.from);
  for (let taken = 0; taken < RUN_LIMIT; ) {
    const claimedAt = now();
    const leaseUntil = new Date(claimedAt.getTime() + LEASE_MS);
    const claimed = await claimDueEmails(db, {
      now: claimedAt,
      settledBefore: new Date(claimedAt.getTime() - UNDO_SEND_MS),
      leaseUntil,
      limit: BATCH_SIZE,
      messageIdDomain: idDomain,
    });
    const owners = await ownerMailboxes(db, [...new Set(claimed.flatMap((row) => row.ownerId ?? []))]);
    for (const row of claimed) {
      const result = await deliverOne(deps, transport, row, leaseUntil, {
        now,
        fallbackFrom: ownerAddress(owners.get(row.ownerId ?? '')) ?? deps.config.mail.from,
      });
      if (result) outcome[result] += 1;
    }
    taken += claimed.length;
    if (claimed.length < BATCH_SIZE) break;
  }
  return outcome;
}

async function deliverOne(
  deps: Deps,
  transport: MailTransport,
  row: CommunicationRow,
  leaseUntil: Date,
  context: { now: () => Date; fallbackFrom: string | null },
): Promise<keyof DeliveryOutcome | undefined> {
  const from = row.fromAddress ?? context.fallbackFrom;
  try {
    if (!from) throw new MailDeliveryError('no sender: the message has no From and its owner no e-mail address', true);
    if (row.toAddresses.length + row.ccAddresses.length === 0) {
      throw new MailDeliveryError('no recipients: add an address to To or Cc and queue it again', true);
    }
    const receipt = await transport.send({
      messageId: row.messageId ?? `<${row.id}@localhost>`,
      from,
      to: row.toAddresses,
      cc: row.ccAddresses,
      subject: row.subject ?? '',
      text: row.body ?? '',
    });
    const refused = receipt.rejected.length > 0 ? `refused by the mail server: ${receipt.rejected.join(', ')}` : null;
    await finish(deps, row, leaseUntil, {
      status: 'sent',
      occurredAt: context.now(),
      fromAddress: from,
      deliveryRetryAt: null,
      deliveryError: refused,
    });
    return 'sent';
  } catch (error) {
    const failure =
      error instanceof MailDeliveryError ? error : new MailDeliveryError((error as Error).message ?? 'unknown', false);
    if (failure.permanent || row.deliveryAttempts >= MAX_DELIVERY_ATTEMPTS) {
      await finish(deps, row, leaseUntil, { status: 'failed', deliveryRetryAt: null, deliveryError: failure.message });
      return 'failed';
    }
    await finish(deps, row, leaseUntil, {
      deliveryRetryAt: new Date(context.now().getTime() + retryPauseMs(row.deliveryAttempts)),
      deliveryError: `attempt ${row.deliveryAttempts} of ${MAX_DELIVERY_ATTEMPTS} failed, will retry: ${failure.message}`,
    });
    return 'retrying';
  }
}

async function finish(
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
export async function notifyOwnerOfFailure(tx: Db, deps: Deps, message: CommunicationRow): Promise<void> {
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

function ownerAddress(owner: { name: string; email: string } | undefined): string | null {
  return owner ? formatMailbox(owner.name, owner.email) : null;
}
