import nodemailer from 'nodemailer';
import { mimeMessage } from './mime.js';
import { MailDeliveryError, type MailReceipt, type MailTransport, type OutgoingMail } from './port.js';

/** Waits of a relay that is slow to answer; a hung server must not hold the delivery lease for long. */
const CONNECTION_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

/**
 * An SMTP relay, by URL: `smtp://user:pass@relay.example.com:587` (STARTTLS when the server offers it) or
 * `smtps://…:465` (TLS from the start). `envelopeFrom` is the address the relay sees as the sender and
 * bounces return to; the message's From stays the user's own, with a Sender header naming the relay's.
 */
export function createSmtpTransport(options: { url: string; envelopeFrom: string | null }): MailTransport {
  const url = new URL(options.url);
  const secure = url.protocol === 'smtps:';
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: CONNECTION_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  return {
    name: `${url.protocol}//${url.host}`,
    async send(mail: OutgoingMail): Promise<MailReceipt> {
      try {
        const info = await transporter.sendMail({
          ...mimeMessage(mail, options.envelopeFrom),
          envelope: { from: options.envelopeFrom ?? undefined, to: [...mail.to, ...mail.cc] },
        });
        return { rejected: (info.rejected ?? []).map(String) };
      } catch (error) {
        throw smtpFailure(error);
      }
    },
  };
}

/**
 * A 5xx reply to the message or its recipients (no such mailbox, message too large) fails the same way
 * every time. Anything else, a server down, a 4xx "try later", a TLS or login problem an administrator
 * can fix, may pass on a later attempt.
 */
function smtpFailure(error: unknown): MailDeliveryError {
  const { code, responseCode, response, message } = error as {
    code?: string;
    responseCode?: number;
    response?: string;
    message?: string;
  };
  const aboutTheMessage = code === 'EENVELOPE' || code === 'EMESSAGE';
  const permanent = aboutTheMessage && typeof responseCode === 'number' && responseCode >= 500;
  const detail = response?.trim() || message || 'the mail server refused the message';
  return new MailDeliveryError(`SMTP: ${detail}`, permanent);
}
