import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import { attachmentContents, attachments, communications, users } from '../../db/schema/index.js';
import type { MailAttachment } from '../../integrations/mail/port.js';
import type { CommunicationRow } from './communications.repository.js';

/**
 * Queued outbound messages of one channel, not deleted: what its queue holds (communications_mail_queue_idx,
 * communications_sms_queue_idx; the channel is written as a literal so the planner matches those partial
 * indexes).
 */
const inQueue = (channel: 'email' | 'sms') => sql`${communications.status} = 'queued'
  and ${communications.channel} = ${sql.raw(`'${channel}'`)}
  and ${communications.direction} = 'outbound' and ${communications.deletedAt} is null`;

/**
 * Takes up to `limit` queued e-mails that are due (their time has come, left unchanged since
 * `settledBefore`, no retry pending, no other worker holding them) and leases them until `leaseUntil`: a worker that dies mid-send leaves them to be taken
 * again when the lease runs out. Each gets its Message-ID at its first attempt, so a retry sends the same one.
 */
export function claimDueEmails(
  db: Db,
  options: { now: Date; settledBefore: Date; leaseUntil: Date; limit: number; messageIdDomain: string },
): Promise<CommunicationRow[]> {
  return claimDueMessages(db, 'email', options);
}

/** claimDueEmails for text messages: their message id is the provider's, given when one is sent. */
export function claimDueTexts(
  db: Db,
  options: { now: Date; settledBefore: Date; leaseUntil: Date; limit: number },
): Promise<CommunicationRow[]> {
  return claimDueMessages(db, 'sms', { ...options, messageIdDomain: null });
}

async function claimDueMessages(
  db: Db,
  channel: 'email' | 'sms',
  options: { now: Date; settledBefore: Date; leaseUntil: Date; limit: number; messageIdDomain: string | null },
): Promise<CommunicationRow[]> {
  const ids = await queryRows<{ id: string }>(
    db,
    sql`
      update communications
      set delivery_lease_until = ${options.leaseUntil.toISOString()}::timestamptz,
        delivery_attempts = delivery_attempts + 1
        ${options.messageIdDomain === null ? sql`` : sql`, message_id = coalesce(message_id, '<' || id || '@' || ${options.messageIdDomain} || '>')`}
      where id in (
        select id from communications
        where ${inQueue(channel)}
          and occurred_at <= ${options.now.toISOString()}::timestamptz
          and updated_at <= ${options.settledBefore.toISOString()}::timestamptz
          and (delivery_lease_until is null or delivery_lease_until <= ${options.now.toISOString()}::timestamptz)
          and (delivery_retry_at is null or delivery_retry_at <= ${options.now.toISOString()}::timestamptz)
        order by occurred_at, id
        limit ${options.limit}
        for update skip locked
      )
      returning id`,
  );
  if (ids.length === 0) return [];
  return db
    .select()
    .from(communications)
    .where(
      inArray(
        communications.id,
        ids.map((row) => row.id),
      ),
    )
    .orderBy(communications.occurredAt, communications.id);
}

/** Name and address of each owner: an e-mail without its own From goes out from its owner's mailbox. */
export async function ownerMailboxes(
  db: Db,
  ownerIds: string[],
): Promise<Map<string, { name: string; email: string }>> {
  if (ownerIds.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.id, ownerIds));
  return new Map(rows.map((row) => [row.id, { name: row.name, email: row.email }]));
}

/**
 * Writes the outcome of an attempt, provided the lease is still this worker's (a worker slower than its
 * lease may have been overtaken): answers the row as it now is, or undefined when the lease was lost.
 */
export async function finishDelivery(
  db: Db,
  id: string,
  leaseUntil: Date,
  outcome: Partial<
    Pick<CommunicationRow, 'status' | 'occurredAt' | 'fromAddress' | 'deliveryRetryAt' | 'deliveryError' | 'messageId'>
  >,
): Promise<CommunicationRow | undefined> {
  const [row] = await db
    .update(communications)
    .set({
      ...outcome,
      deliveryLeaseUntil: null,
      version: sql`${communications.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(communications.id, id), eq(communications.deliveryLeaseUntil, leaseUntil)))
    .returning();
  return row;
}

/** The live files that go out with an e-mail, oldest first, with their bytes. */
export async function findMailAttachments(db: Db, communicationId: string): Promise<MailAttachment[]> {
  const rows = await db
    .select({
      fileName: attachments.fileName,
      contentType: attachments.contentType,
      content: attachmentContents.content,
    })
    .from(attachments)
    .innerJoin(attachmentContents, eq(attachmentContents.attachmentId, attachments.id))
    .where(and(eq(attachments.communicationId, communicationId), isNull(attachments.deletedAt)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  return rows;
}
