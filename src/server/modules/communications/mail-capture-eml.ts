import { type AddressObject, simpleParser } from 'mailparser';
import { type CapturedMail, type MailAddress, MERIDIAN_MESSAGE_ID_HEADER } from './mail-capture.service.js';

/** A file that holds no e-mail: no sender and no recipient could be read from it. */
export class UnreadableMailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableMailError';
  }
}

/**
 * Reads an RFC 5322 message (a .eml file) into what capture needs. mailparser decodes the MIME parts and
 * encoded words, and writes a plain-text version of an HTML-only message.
 */
export async function parseEml(source: Buffer): Promise<CapturedMail> {
  const parsed = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true });
  const from = addresses(parsed.from)[0] ?? null;
  const to = addresses(parsed.to);
  const cc = addresses(parsed.cc);
  if (!from && to.length === 0 && cc.length === 0) {
    throw new UnreadableMailError('no sender and no recipients: not an e-mail message');
  }
  return {
    messageId: parsed.messageId ?? null,
    from,
    to,
    cc,
    subject: parsed.subject ?? null,
    text: parsed.text ?? null,
    html: typeof parsed.html === 'string' ? parsed.html : null,
    date: parsed.date ?? null,
    sentByMeridian: parsed.headers.has(MERIDIAN_MESSAGE_ID_HEADER),
  };
}

/** The mailboxes of an address header, groups ("Sales: a@x, b@x;") opened up. */
function addresses(header: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return objects.flatMap((object) =>
    object.value.flatMap((entry) => [
      ...(entry.address ? [{ address: entry.address, name: entry.name || null }] : []),
      ...(entry.group ?? []).flatMap((member) =>
        member.address ? [{ address: member.address, name: member.name || null }] : [],
      ),
    ]),
  );
}
