import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header every delivery is signed in: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'meridian-signature';

/** A new signing secret: 32 random bytes, as Stripe's and GitHub's are long. */
export const SECRET_PREFIX = 'whsec_';

/**
 * Signs a body as sent at `timestamp` (Stripe's scheme): the time is signed with the body, so a receiver
 * that refuses old timestamps cannot be fooled by a delivery recorded and replayed later.
 */
export function signWebhookBody(secret: string, body: string, timestamp: number): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}

/**
 * Checks a signature header against a body, as a receiver would: the right secret, and a timestamp
 * within `toleranceSeconds` of now. Compared in constant time.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string,
  options: { now?: number; toleranceSeconds?: number } = {},
): boolean {
  const parts = new Map(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(timestamp) || !given) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = signWebhookBody(secret, body, timestamp).split('v1=')[1] as string;
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
