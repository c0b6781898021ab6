import { eq, gte, ilike, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Attachment, ListAttachmentsQuery } from '../../../shared/contracts/attachments.js';
import type { Db } from '../../db/client.js';
import { attachmentContents, attachments } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { linkConditions, visibleLinkedRecords } from '../../platform/record-links.js';
import type { Viewer } from '../../platform/viewer.js';
import { escapeLike } from '../users/users.repository.js';

export type AttachmentRow = typeof attachments.$inferSelect;

export function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    uploadedById: row.uploadedById,
    accountId: row.accountId,
    contactId: row.contactId,
    leadId: row.leadId,
    opportunityId: row.opportunityId,
    activityId: row.activityId,
    communicationId: row.communicationId,
    contentUrl: `/api/v1/attachments/${row.id}/content`,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/**
 * Who sees a file: as for notes, the uploader's team, or whoever sees a record it is linked to. A file of
 * an activity carries the activity's links (the service copies them), so it is seen where the activity is.
 */
export function visibleAttachments(viewer: Viewer): SQL | undefined {
  return visibleLinkedRecords(viewer, {
    accountId: attachments.accountId,
    leadId: attachments.leadId,
    opportunityId: attachments.opportunityId,
    authorId: attachments.uploadedById,
  });
}

const attachmentSorts: SortFields<AttachmentRow> = {
  createdAt: { expression: attachments.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
  updatedAt: { expression: attachments.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
  fileName: { expression: attachments.fileName, type: 'text', value: (row) => row.fileName },
  size: { expression: attachments.size, type: 'numeric', value: (row) => row.size },
};

export async function listAttachments(db: Db, viewer: Viewer, query: ListAttachmentsQuery) {
  const keyset = keysetPage({
    fields: attachmentSorts,
    sort: query.sort,
    defaultSort: '-createdAt',
    cursor: query.cursor,
    idColumn: attachments.id,
  });
  const filter = allOf(
    isNull(attachments.deletedAt),
    visibleAttachments(viewer),
    ...linkConditions(attachments, query),
    query.activityId ? inArray(attachments.activityId, query.activityId) : undefined,
    query.communicationId ? inArray(attachments.communicationId, query.communicationId) : undefined,
    query.sentWithEmail === undefined
      ? undefined
      : query.sentWithEmail
        ? isNotNull(attachments.communicationId)
        : isNull(attachments.communicationId),
    query.uploadedById ? inArray(attachments.uploadedById, query.uploadedById) : undefined,
    query.contentType ? inArray(attachments.contentType, query.contentType) : undefined,
    query.sizeMin === undefined ? undefined : gte(attachments.size, query.sizeMin),
    query.sizeMax === undefined ? undefined : lte(attachments.size, query.sizeMax),
    query.createdAtFrom ? gte(attachments.createdAt, new Date(query.createdAtFrom)) : undefined,
    query.createdAtTo ? lte(attachments.createdAt, new Date(query.createdAtTo)) : undefined,
    query.updatedAtFrom ? gte(attachments.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(attachments.updatedAt, new Date(query.updatedAtTo)) : undefined,
    query.q ? ilike(attachments.fileName, `%${escapeLike(query.q)}%`) : undefined,
  );
  const rows = await db
    .select()
    .from(attachments)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(attachments, filter) : undefined;
  return { data: page.rows.map(toAttachment), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

export async function findVisibleAttachment(
  db: Db,
  viewer: Viewer,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<AttachmentRow | undefined> {
  const [row] = await db
    .select()
    .from(attachments)
    .where(
      allOf(
        eq(attachments.id, id),
        visibleAttachments(viewer),
        options.includeDeleted ? undefined : isNull(attachments.deletedAt),
      ),
    );
  return row;
}

/** The record and its bytes, in the caller's transaction. */
export async function insertAttachment(
  db: Db,
  row: typeof attachments.$inferInsert,
  content: Buffer,
): Promise<AttachmentRow> {
  const [inserted] = await db.insert(attachments).values(row).returning();
  await db.insert(attachmentContents).values({ attachmentId: row.id, content });
  return inserted as AttachmentRow;
}

export async function readAttachmentContent(db: Db, attachmentId: string): Promise<Buffer | undefined> {
  const [row] = await db
    .select({ content: attachmentContents.content })
    .from(attachmentContents)
    .where(eq(attachmentContents.attachmentId, attachmentId));
  return row?.content;
}

/** The live attachments among `ids` the viewer may see. */
export async function findVisibleAttachments(db: Db, viewer: Viewer, ids: string[]): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(attachments)
    .where(allOf(inArray(attachments.id, ids), visibleAttachments(viewer), isNull(attachments.deletedAt)));
}

/** A new record for a copy of a file, and the same bytes under it, copied inside the database. */
export async function insertAttachmentCopy(
  db: Db,
  row: typeof attachments.$inferInsert & { id: string },
  sourceId: string,
): Promise<AttachmentRow> {
  const [inserted] = await db.insert(attachments).values(row).returning();
  await db.execute(
    sql`insert into ${attachmentContents} (attachment_id, content)
      select ${row.id}, content from ${attachmentContents} where attachment_id = ${sourceId}`,
  );
  return inserted as AttachmentRow;
}
