import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export type ReceivedMail = {
  envelopeFrom: string;
  recipients: string[];
  /** The message as it arrived: headers and body, CRLF line ends. */
  raw: string;
  /** Header values by lower-case name (the first of each, unfolded). */
  headers: Record<string, string>;
  /** The body as sent, decoded from quoted-printable or base64 when it was so encoded. */
  body: string;
};

/**
 * A real SMTP server on a free local port, as a relay would be: it speaks the protocol, refuses any
 * recipient whose address starts with "nobody@" (550, as a server does for an unknown mailbox), and keeps
 * every message it accepts.
 */
export async function startSmtpServer(): Promise<{ url: string; received: ReceivedMail[]; close(): Promise<void> }> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (address.address.startsWith('nobody@')) {
        const error = Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), {
          responseCode: 550,
        });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const [head = '', ...rest] = raw.split('\r\n\r\n');
        received.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          recipients: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw,
          headers: parseHeaders(head),
          body: decodeBody(rest.join('\r\n\r\n'), parseHeaders(head)['content-transfer-encoding']),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] ??= line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return body;
  const bytes = body
    .replace(/=\r\n/g, '')
    .split(/(=[0-9A-F]{2})/)
    .flatMap((part) =>
      /^=[0-9A-F]{2}$/.test(part) ? [Buffer.from([Number.parseInt(part.slice(1), 16)])] : [Buffer.from(part)],
    );
  return Buffer.concat(bytes).toString('utf8');
}
