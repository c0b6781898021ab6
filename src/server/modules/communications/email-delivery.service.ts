import type { Deps } from '../../deps.js';
import { formatMailbox, messageIdDomain } from '../../integrations/mail/addresses.js';
import { MailDeliveryError, type MailTransport } from '../../integrations/mail/port.js';
import { mailTransportFor } from '../../integrations/mail/transport.js';
import type { CommunicationRow } from './communications.repository.js';
import { claimDueEmails, findMailAttachments, ownerMailboxes } from './email-delivery.repository.js';
import { type DeliveryOutcome, settleDelivery, settleFailure, UNDO_SEND_MS } from './message-delivery.js';

/** Longer than the slowest transport may take (SMTP: 10 s to connect, 10 s to greet, 30 s per reply). */
const LEASE_MS = 2 * 60_000;
/** E-mails taken per claim, and per run: a backlog drains over several runs rather than in one long one. */
const BATCH_SIZE = 20;
const RUN_LIMIT = 200;

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
      attachments: await findMailAttachments(deps.database.db, row.id),
    });
    const refused = receipt.rejected.length > 0 ? `refused by the mail server: ${receipt.rejected.join(', ')}` : null;
    await settleDelivery(deps, row, leaseUntil, {
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
    return settleFailure(deps, row, leaseUntil, failure, context.now());
  }
}

function ownerAddress(owner: { name: string; email: string } | undefined): string | null {
  return owner ? formatMailbox(owner.name, owner.email) : null;
}
