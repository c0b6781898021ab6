import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { communications, contacts, leads, users } from '../../db/schema/index.js';
import type { CommunicationRow } from './communications.repository.js';

/*
 * Mail capture reads as the system, not as a person: a message is matched against every contact, lead and
 * user of the CRM whoever may see them, and the communication it becomes is then seen through the usual
 * visibility of its links and owner. So the look-ups here are unscoped on purpose.
 */

export type MailPerson = { id: string; email: string };
export type MailContact = { id: string; accountId: string; email: string };
export type MailLead = { id: string; email: string };

/** Active users whose address is one of `addresses` (lower case): the Meridian people a message involves. */
export function activeUsersByEmail(db: Db, addresses: string[]): Promise<MailPerson[]> {
  if (addresses.length === 0) return Promise.resolve([]);
  return db
    .select({ id: users.id, email: sql<string>`lower(${users.email})` })
    .from(users)
    .where(and(inArray(sql`lower(${users.email})`, addresses), eq(users.active, true), isNull(users.deletedAt)));
}

/**
 * Live contacts whose address is one of `addresses` (lower case, as contacts and leads store theirs, so
 * contacts_email_idx and leads_email_idx answer), the oldest first: when two contacts share an address
 * the one that had it first wins, the same on every run.
 */
export function contactsByEmail(db: Db, addresses: string[]): Promise<MailContact[]> {
  if (addresses.length === 0) return Promise.resolve([]);
  return db
    .select({ id: contacts.id, accountId: contacts.accountId, email: sql<string>`${contacts.email}` })
    .from(contacts)
    .where(and(inArray(contacts.email, addresses), isNull(contacts.deletedAt)))
    .orderBy(asc(contacts.createdAt), asc(contacts.id));
}

/** Live leads whose address is one of `addresses` (lower case): open ones first, then the newest. */
export function leadsByEmail(db: Db, addresses: string[]): Promise<MailLead[]> {
  if (addresses.length === 0) return Promise.resolve([]);
  return db
    .select({ id: leads.id, email: sql<string>`${leads.email}` })
    .from(leads)
    .where(and(inArray(leads.email, addresses), isNull(leads.deletedAt)))
    .orderBy(desc(sql`${leads.status} = 'open'`), desc(leads.createdAt), desc(leads.id));
}

/** Whether a communication (deleted ones too) already carries this Message-ID. */
export async function isMessageLogged(db: Db, messageId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: communications.id })
    .from(communications)
    .where(eq(communications.messageId, messageId))
    .limit(1);
  return row !== undefined;
}

/**
 * Inserts a captured message unless its Message-ID is logged already (communications_message_id_unique):
 * the same message read from two mailboxes, or again after a crash, is one entry. Answers the new row, or
 * undefined when the message was there before.
 */
export async function insertCapturedCommunication(
  db: Db,
  row: typeof communications.$inferInsert,
): Promise<CommunicationRow | undefined> {
  const [inserted] = await db
    .insert(communications)
    .values(row)
    .onConflictDoNothing({ target: communications.messageId })
    .returning();
  return inserted;
}
