import { type GraphConnection, GraphUnavailableError, graphClientFor, graphErrorReason } from '../graph/client.js';
import { parseMailbox } from './addresses.js';
import { MailDeliveryError, type MailReceipt, type MailTransport, type OutgoingMail } from './port.js';

/**
 * Microsoft 365 through Microsoft Graph, as an app registration with the `Mail.Send` application
 * permission: `POST /users/{sender}/sendMail`, so the message leaves from the sender's own mailbox and is
 * kept in its Sent Items.
 */
export function createGraphTransport(connection: GraphConnection): MailTransport {
  const graph = graphClientFor(connection);
  return {
    name: 'microsoft-graph',
    async send(mail: OutgoingMail): Promise<MailReceipt> {
      const sender = parseMailbox(mail.from);
      let response: Response;
      try {
        response = await graph.request(`/users/${encodeURIComponent(sender.address)}/sendMail`, {
          method: 'POST',
          json: { message: graphMessage(mail), saveToSentItems: true },
        });
      } catch (error) {
        if (error instanceof GraphUnavailableError) throw new MailDeliveryError(error.message, false);
        throw error;
      }
      if (response.status === 202) return { rejected: [] };
      const reason = await graphErrorReason(response);
      throw new MailDeliveryError(
        `Microsoft Graph refused the message (${response.status})${reason ? `: ${reason}` : ''}`,
        isPermanent(response.status),
      );
    },
  };
}

/** The message resource of sendMail: plain text, recipients as emailAddress objects. */
function graphMessage(mail: OutgoingMail) {
  const recipients = (addresses: string[]) =>
    addresses.map((value) => {
      const { name, address } = parseMailbox(value);
      return { emailAddress: name ? { name, address } : { address } };
    });
  return {
    subject: mail.subject,
    body: { contentType: 'Text', content: mail.text },
    toRecipients: recipients(mail.to),
    ccRecipients: recipients(mail.cc),
    // Graph sets its own Message-ID; this header ties the sent item back to the logged message.
    internetMessageHeaders: [{ name: 'X-Meridian-Message-Id', value: mail.messageId }],
    // fileAttachment inline in sendMail: Graph takes up to 3 MB per request this way (a quote's PDF is far less).
    ...(mail.attachments?.length
      ? {
          attachments: mail.attachments.map((file) => ({
            '@odata.type': '#microsoft.graph.fileAttachment',
            name: file.fileName,
            contentType: file.contentType,
            contentBytes: file.content.toString('base64'),
          })),
        }
      : {}),
  };
}

/**
 * 400 (a malformed recipient) and 404 (the sender has no mailbox) fail the same way again. Throttling
 * (429), outages (5xx) and an expired token (401) pass later; so may 403, once an administrator grants
 * Mail.Send or widens the application access policy.
 */
function isPermanent(status: number): boolean {
  return status === 400 || status === 404 || status === 413;
}
