import type { SendMailOptions } from 'nodemailer';
import type { OutgoingMail } from './port.js';

/**
 * The message as nodemailer composes it, the same for every transport that writes MIME itself (SMTP, the
 * outbox): the user's From, and the system's address as Sender when one is configured.
 */
export function mimeMessage(mail: OutgoingMail, systemAddress: string | null): SendMailOptions {
  return {
    messageId: mail.messageId,
    from: mail.from,
    ...(systemAddress ? { sender: systemAddress } : {}),
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    text: mail.text,
    attachments: (mail.attachments ?? []).map((file) => ({
      filename: file.fileName,
      contentType: file.contentType,
      content: file.content,
    })),
  };
}
