/*
 * Outgoing text messages. Meridian sends the SMS a user queued in the communication log through the
 * configured transport: Twilio, or, by default and offline, an outbox directory of one JSON file per
 * message that a gateway or a script can drain. Each transport says whether a failure is worth retrying,
 * so a number that cannot receive texts fails at once and a provider that is down is retried.
 */

export type OutgoingSms = {
  /** The communication's id: the same on every attempt, so a message sent twice after a crash is recognisably one. */
  id: string;
  /** A number (+15551234567), a Messaging Service SID or an alphanumeric sender; null when none is configured. */
  from: string | null;
  /** One number, in E.164 form. */
  to: string;
  body: string;
};

export type SmsReceipt = {
  /** The provider's id of the message (Twilio's SM…), kept as the communication's message id. */
  providerId: string;
};

/** Why a text could not be handed over, and whether trying again later could help. */
export class SmsDeliveryError extends Error {
  constructor(
    message: string,
    /** True when the same message will fail again however often it is sent (a number that is not a mobile, bad credentials). */
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'SmsDeliveryError';
  }
}

export interface SmsTransport {
  /** For logs and the docs: "twilio", "outbox:/var/lib/meridian/sms-outbox". */
  readonly name: string;
  /** Hands the message over; rejects with an SmsDeliveryError. */
  send(message: OutgoingSms): Promise<SmsReceipt>;
}
