import type { Deps } from '../../deps.js';
import { SmsDeliveryError, type SmsTransport } from '../../integrations/sms/port.js';
import { smsTransportFor } from '../../integrations/sms/transport.js';
import type { CommunicationRow } from './communications.repository.js';
import { claimDueTexts } from './email-delivery.repository.js';
import { type DeliveryOutcome, settleDelivery, settleFailure, UNDO_SEND_MS } from './message-delivery.js';

/** Longer than the provider may take (15 s a request). */
const LEASE_MS = 60_000;
const BATCH_SIZE = 20;
const RUN_LIMIT = 200;

/**
 * Sends every queued outbound text whose time has come (and that was left unchanged for UNDO_SEND_MS, the
 * same moment to take it back as an e-mail's), through the configured transport: Twilio, or the offline
 * outbox. A text the provider accepts is sent (its id kept as the message id); one it refuses for good,
 * or after MAX_DELIVERY_ATTEMPTS, is failed with the reason and its owner is told; anything else is
 * retried with a growing pause. Each outcome is one versioned, audited change of the message.
 */
export async function deliverDueTexts(
  deps: Deps,
  options: { transport?: SmsTransport; now?: () => Date } = {},
): Promise<DeliveryOutcome> {
  const transport = options.transport ?? smsTransportFor(deps.config);
  const now = options.now ?? (() => new Date());
  const outcome: DeliveryOutcome = { sent: 0, failed: 0, retrying: 0 };
  for (let taken = 0; taken < RUN_LIMIT; ) {
    const claimedAt = now();
    const leaseUntil = new Date(claimedAt.getTime() + LEASE_MS);
    const claimed = await claimDueTexts(deps.database.db, {
      now: claimedAt,
      settledBefore: new Date(claimedAt.getTime() - UNDO_SEND_MS),
      leaseUntil,
      limit: BATCH_SIZE,
    });
    for (const row of claimed) outcome[await sendOne(deps, transport, row, leaseUntil, now)] += 1;
    taken += claimed.length;
    if (claimed.length < BATCH_SIZE) break;
  }
  return outcome;
}

async function sendOne(
  deps: Deps,
  transport: SmsTransport,
  row: CommunicationRow,
  leaseUntil: Date,
  now: () => Date,
): Promise<keyof DeliveryOutcome> {
  const from = row.fromAddress ?? deps.config.sms.from;
  try {
    const [to, ...others] = row.toAddresses;
    if (!to || others.length > 0 || row.ccAddresses.length > 0) {
      throw new SmsDeliveryError('a text goes to one number: put it alone in To and queue it again', true);
    }
    if (!row.body) throw new SmsDeliveryError('the text is empty: write it and queue it again', true);
    const receipt = await transport.send({ id: row.id, from, to, body: row.body });
    await settleDelivery(deps, row, leaseUntil, {
      status: 'sent',
      occurredAt: now(),
      fromAddress: from,
      messageId: receipt.providerId,
      deliveryRetryAt: null,
      deliveryError: null,
    });
    return 'sent';
  } catch (error) {
    const failure =
      error instanceof SmsDeliveryError ? error : new SmsDeliveryError((error as Error).message ?? 'unknown', false);
    return settleFailure(deps, row, leaseUntil, failure, now());
  }
}
