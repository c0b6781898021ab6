import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { mimeMessage } from './mime.js';
import { MailDeliveryError, type MailReceipt, type MailTransport, type OutgoingMail } from './port.js';

/**
 * The offline default: every message is written, complete and MIME-encoded, as an .eml file into a
 * directory. Mail clients open such files, and a mail server's pickup directory (or a cron job running
 * `sendmail -t < file`) can send them on. Nothing leaves the machine until someone configures a relay.
 */
export function createOutboxTransport(options: { directory: string; envelopeFrom: string | null }): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    name: `outbox:${options.directory}`,
    async send(mail: OutgoingMail): Promise<MailReceipt> {
      const info = await composer.sendMail(mimeMessage(mail, options.envelopeFrom));
      const file = path.join(options.directory, `${fileStamp(new Date())}-${fileSafe(mail.messageId)}.eml`);
      try {
        await fs.mkdir(options.directory, { recursive: true });
        // Written aside and renamed, so a pickup never reads half a message.
        await fs.writeFile(`${file}.tmp`, info.message as Buffer);
        await fs.rename(`${file}.tmp`, file);
      } catch (error) {
        throw new MailDeliveryError(`outbox: ${(error as Error).message}`, false);
      }
      return { rejected: [] };
    },
  };
}

/** 20261207T101500123Z: files sort in the order they were written. */
function fileStamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '');
}

function fileSafe(messageId: string): string {
  return messageId.replace(/[^A-Za-z0-9.@-]/g, '');
}
