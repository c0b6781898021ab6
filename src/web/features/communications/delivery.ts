import type { CommunicationStatus } from '../../../shared/contracts/communications.js';

/** The channels the server sends when an outbound message is queued; calls are only logged. */
export const isSentByServer = (channel: string | null) => channel === 'email' || channel === 'sms';

/** Where an outbound e-mail or text stands, as a rep reads it: waiting for its time, going out, sent or failed. */
export type DeliveryState =
  | { kind: 'scheduled'; at: string }
  | { kind: 'queued' }
  | { kind: 'sent' }
  | { kind: 'failed' }
  | { kind: 'received' };

type Message = { status: string | null; occurredAt: string };

/**
 * A queued message whose time is still ahead is scheduled; once its time has come the server's worker is
 * sending it (or retrying), and it is just queued.
 */
export function deliveryState(message: Message, now = Date.now()): DeliveryState | null {
  switch (message.status as CommunicationStatus | null) {
    case 'queued':
      return Date.parse(message.occurredAt) > now ? { kind: 'scheduled', at: message.occurredAt } : { kind: 'queued' };
    case 'sent':
      return { kind: 'sent' };
    case 'failed':
      return { kind: 'failed' };
    case 'received':
      return { kind: 'received' };
    default:
      return null;
  }
}

/** Asked again this soon after a message falls due: the worker takes it within a second or two. */
const SOON_MS = 3_000;
/** A message still queued two minutes after its time is being retried, minutes apart: ask less often. */
const RETRYING_MS = 15_000;
const RETRY_AFTER_MS = 2 * 60_000;
/** A scheduled message far ahead is looked at again at most this far apart (the page may sleep meanwhile). */
const LONGEST_WAIT_MS = 5 * 60_000;

/**
 * How long until a timeline showing these messages should be read again so a queued one is seen to go
 * out (or fail) without a reload; false when none is queued, so an ordinary timeline is never polled.
 */
export function nextDeliveryCheck(messages: readonly Message[], now = Date.now()): number | false {
  let soonest: number | false = false;
  for (const message of messages) {
    if (message.status !== 'queued') continue;
    const dueIn = Date.parse(message.occurredAt) - now;
    const wait =
      dueIn > 0
        ? Math.min(Math.max(dueIn + 1_500, SOON_MS), LONGEST_WAIT_MS)
        : -dueIn < RETRY_AFTER_MS
          ? SOON_MS
          : RETRYING_MS;
    soonest = soonest === false ? wait : Math.min(soonest, wait);
  }
  return soonest;
}
