/*
 * Outgoing e-mail. Meridian sends what a user queued in the communication log, through whichever
 * transport is configured: an SMTP relay, Microsoft 365 (Graph), or, by default and offline, an outbox
 * directory of .eml files that any mail server's pickup can drain. Each transport says whether a failure
 * is worth retrying, so a mailbox that does not exist fails at once and a server that is down is retried.
 */

export type OutgoingMail = {
  /** `<id@host>`: the same on every attempt, so a message sent twice after a crash is recognisably one. */
  messageId: string;
  /** "Name <address>" or a bare address: who the message is from. */
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  /** Plain text, as the user wrote it. */
  text: string;
  /** Files that go with it (a quote's PDF). */
  attachments?: MailAttachment[];
};

export type MailAttachment = { fileName: string; contentType: string; content: Buffer };

export type MailReceipt = {
  /** Recipients the transport refused while it accepted the message for the others. */
  rejected: string[];
};

/** Why a message could not be handed over, and whether trying again later could help. */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    /** True when the same message will fail again however often it is sent (a refused address, bad credentials). */
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

export interface MailTransport {
  /** For logs and the docs: "smtp://relay.example.com:587", "microsoft-graph", "outbox:/var/lib/meridian/outbox". */
  readonly name: string;
  /** Hands the message over; rejects with a MailDeliveryError. */
  send(mail: OutgoingMail): Promise<MailReceipt>;
}
