import { createHash } from 'node:crypto';
import { convert as htmlToText } from 'html-to-text';
import { v7 as uuidv7 } from 'uuid';
import { emailSchema } from '../../../shared/contracts/common.js';
import { updateCommunicationSchema } from '../../../shared/contracts/communications.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { formatMailbox } from '../../integrations/mail/addresses.js';
import { systemViewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import { toCommunication } from './communications.repository.js';
import {
  activeUsersByEmail,
  contactsByEmail,
  insertCapturedCommunication,
  isMessageLogged,
  leadsByEmail,
  type MailContact,
  type MailLead,
  type MailPerson,
} from './mail-capture.repository.js';

/** A mailbox as a message names it: the address, and the display name when there is one. */
export type MailAddress = { address: string; name?: string | null };

/** One e-mail as a source read it (a .eml file, a Microsoft 365 mailbox), before it is matched to the CRM. */
export type CapturedMail = {
  /** The Message-ID header, `<…>` included; null when the message has none. */
  messageId: string | null;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string | null;
  /** The plain-text body; `html` is converted when a message has no plain text. */
  text: string | null;
  html?: string | null;
  /** When it was sent (or received); null: unknown, taken as now. */
  date: Date | null;
  /** It carries X-Meridian-Message-Id: Meridian sent it (through Microsoft 365), and logged it then. */
  sentByMeridian: boolean;
  /** The Meridian user whose mailbox it was read from, and the folder; absent for the inbox directory. */
  mailbox?: { userId: string; folder: 'inbox' | 'sentitems' };
};

/**
 * - logged: a new communication;
 * - duplicate: its Message-ID is logged already (another mailbox had it, or it was read before);
 * - sent-by-meridian: Meridian sent it, and its communication is the log entry;
 * - unmatched: it involves no contact or lead, so it is someone's own mail and stays out of the CRM.
 */
export type CaptureOutcome = 'logged' | 'duplicate' | 'sent-by-meridian' | 'unmatched';

/** The header Meridian puts on mail it sends through Microsoft 365, whose Message-ID Graph chooses. */
export const MERIDIAN_MESSAGE_ID_HEADER = 'x-meridian-message-id';

// The limits of a communication's fields, from the contract, so a captured message fits what the API allows.
const communicationFields = updateCommunicationSchema.shape;
const MAX_BODY_LENGTH = communicationFields.body.unwrap().unwrap().maxLength ?? 100_000;
const MAX_SUBJECT_LENGTH = communicationFields.subject.unwrap().unwrap().maxLength ?? 998;
const MAX_ADDRESS_LENGTH = communicationFields.to.unwrap().element.maxLength ?? 320;
/** The contract's `to` and `cc` hold at most 100 addresses each. */
const MAX_ADDRESSES = 100;

/**
 * Logs an e-mail a user exchanged outside Meridian with a contact or lead, as a communication linked to
 * them. Outbound when a Meridian user sent it (or it is in a mailbox's Sent Items), else inbound. It is
 * linked to the first contact among the sender and then the recipients (people who are Meridian users
 * aside) and to that contact's account, else to the first such lead; a message that involves neither is
 * not logged. The owner is the Meridian user involved: the sender of an outbound message; for an inbound
 * one the mailbox's owner, or (inbox directory) the first recipient who is a user, else nobody: an
 * owner-less entry is seen through its contact's account or its lead, and changed by managers and admins.
 * Written as the system, audited, once per Message-ID.
 */
export async function captureMail(deps: Deps, mail: CapturedMail): Promise<CaptureOutcome> {
  if (mail.sentByMeridian) return 'sent-by-meridian';
  const { db } = deps.database;
  const messageId = mail.messageId?.trim() || fallbackMessageId(mail);
  if (await isMessageLogged(db, messageId)) return 'duplicate';

  const from = normalised(mail.from ? [mail.from] : [])[0] ?? null;
  const to = normalised(mail.to);
  const cc = normalised(mail.cc);
  const everyone = [...new Set([from, ...to, ...cc].flatMap((person) => (person ? [person.address] : [])))];
  const meridianUsers = await activeUsersByEmail(db, everyone);
  const userOf = (address: string | undefined) => meridianUsers.find((user) => user.email === address);

  const outsiders = everyone.filter((address) => !userOf(address));
  const contact = firstByAddress(await contactsByEmail(db, outsiders), outsiders);
  const lead = contact ? undefined : firstByAddress(await leadsByEmail(db, outsiders), outsiders);
  if (!contact && !lead) return 'unmatched';

  const sender = userOf(from?.address);
  const outbound = mail.mailbox?.folder === 'sentitems' || sender !== undefined;
  const ownerId = outbound
    ? ((mail.mailbox?.folder === 'sentitems' ? mail.mailbox.userId : sender?.id) ?? null)
    : (mail.mailbox?.userId ?? firstRecipientUser([...to, ...cc], userOf)?.id ?? null);

  return inTransaction(db, async (tx) => {
    const row = await insertCapturedCommunication(tx, {
      id: uuidv7(),
      channel: 'email',
      direction: outbound ? 'outbound' : 'inbound',
      status: outbound ? 'sent' : 'received',
      subject: clip(withoutControlCharacters(mail.subject ?? '').trim() || null, MAX_SUBJECT_LENGTH),
      body: clip(bodyText(mail), MAX_BODY_LENGTH),
      fromAddress: from ? formatMailbox(from.name, from.address) : null,
      toAddresses: to.slice(0, MAX_ADDRESSES).map((person) => formatMailbox(person.name, person.address)),
      ccAddresses: cc.slice(0, MAX_ADDRESSES).map((person) => formatMailbox(person.name, person.address)),
      occurredAt: occurredAt(mail.date),
      ownerId,
      accountId: contact?.accountId ?? null,
      contactId: contact?.id ?? null,
      leadId: lead?.id ?? null,
      messageId,
    });
    if (!row) return 'duplicate';
    await recordChange(tx, systemViewer(), {
      action: 'create',
      entity: 'communications',
      entityId: row.id,
      before: null,
      after: toCommunication(row),
    });
    return 'logged';
  });
}

type Person = { address: string; name: string | null };

/**
 * The message's e-mail addresses in lower case (the CRM compares them so), names kept for display, without
 * what is not an address (a group's "undisclosed-recipients:;", an Exchange-internal name).
 */
function normalised(people: MailAddress[]): Person[] {
  return people.flatMap((person) => {
    const address = person.address.trim().toLowerCase();
    if (address.length > MAX_ADDRESS_LENGTH || !emailSchema.safeParse(address).success) return [];
    return [{ address, name: withoutControlCharacters(person.name?.trim() || '') || null }];
  });
}

/** The record of the earliest address in the message's order (sender, To, Cc) that has one. */
function firstByAddress<T extends MailContact | MailLead>(records: T[], addresses: string[]): T | undefined {
  for (const address of addresses) {
    const record = records.find((candidate) => candidate.email === address);
    if (record) return record;
  }
  return undefined;
}

function firstRecipientUser(recipients: Person[], userOf: (address: string) => MailPerson | undefined) {
  for (const recipient of recipients) {
    const user = userOf(recipient.address);
    if (user) return user;
  }
  return undefined;
}

function bodyText(mail: CapturedMail): string | null {
  const text = mail.text?.trim() ? mail.text : mail.html ? htmlToText(mail.html, { wordwrap: false }) : null;
  return text?.trim() ? withoutControlCharacters(text.replace(/\r\n?/g, '\n').trim()) : null;
}

/** A message's clock may be ahead of ours, or missing: it cannot have happened later than now. */
function occurredAt(date: Date | null): Date {
  const now = Date.now();
  return date && !Number.isNaN(date.getTime()) && date.getTime() <= now ? date : new Date(now);
}

/**
 * A message without a Message-ID (rare: some scripts send such mail) still gets one stable key, made from
 * what identifies it, so reading it twice logs it once.
 */
function fallbackMessageId(mail: CapturedMail): string {
  const identity = JSON.stringify([
    mail.from?.address.toLowerCase() ?? null,
    mail.to.map((person) => person.address.toLowerCase()),
    mail.subject,
    mail.date?.toISOString() ?? null,
    mail.text ?? mail.html ?? null,
  ]);
  return `<${createHash('sha256').update(identity).digest('hex')}@no-message-id.meridian>`;
}

function clip(value: string | null, length: number): string | null {
  return value === null || value.length <= length ? value : value.slice(0, length);
}

/** PostgreSQL text cannot hold NUL, and other control characters (tabs and line breaks aside) are noise. */
function withoutControlCharacters(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}
