import { eq, gte, ilike, inArray, isNull, lte, type SQL } from 'drizzle-orm';
import type { Communication, ListCommunicationsQuery } from '../../../shared/contracts/communications.js';
import type { Db } from '../../db/client.js';
import { communications } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { linkConditions, visibleLinkedRecords } from '../../platform/record-links.js';
import { resolvePeople, type Viewer } from '../../platform/viewer.js';
import { escapeLike } from '../users/users.repository.js';

export type CommunicationRow = typeof communications.$inferSelect;

export function toCommunication(row: CommunicationRow): Communication {
  return {
    id: row.id,
    channel: row.channel as Communication['channel'],
    direction: row.direction as Communication['direction'],
    subject: row.subject,
    body: row.body,
    from: row.fromAddress,
    to: row.toAddresses,
    cc: row.ccAddresses,
    occurredAt: row.occurredAt.toISOString(),
    durationSeconds: row.durationSeconds,
    status: row.status as Communication['status'],
    ownerId: row.ownerId,
    accountId: row.accountId,
    contactId: row.contactId,
    leadId: row.leadId,
    opportunityId: row.opportunityId,
    messageId: row.messageId,
    deliveryError: row.deliveryError,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** A logged message is visible when the viewer's team owns it or a record it is linked to is visible. */
export function visibleCommunications(viewer: Viewer): SQL | undefined {
  return visibleLinkedRecords(viewer, communications);
}

const communicationSorts: SortFields<CommunicationRow> = {
  occurredAt: { expression: communications.occurredAt, type: 'timestamptz', value: (row) => row.occurredAt },
  createdAt: { expression: communications.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
  updatedAt: { expression: communications.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
};

export async function listCommunications(db: Db, viewer: Viewer, query: ListCommunicationsQuery) {
  const keyset = keysetPage({
    fields: communicationSorts,
    sort: query.sort,
    defaultSort: '-occurredAt',
    cursor: query.cursor,
    idColumn: communications.id,
  });
  const filter = allOf(
    isNull(communications.deletedAt),
    visibleCommunications(viewer),
    query.channel ? inArray(communications.channel, query.channel) : undefined,
    query.direction ? inArray(communications.direction, query.direction) : undefined,
    query.status ? inArray(communications.status, query.status) : undefined,
    query.ownerId ? inArray(communications.ownerId, resolvePeople(query.ownerId, viewer)) : undefined,
    ...linkConditions(communications, query),
    query.occurredAtFrom ? gte(communications.occurredAt, new Date(query.occurredAtFrom)) : undefined,
    query.occurredAtTo ? lte(communications.occurredAt, new Date(query.occurredAtTo)) : undefined,
    query.createdAtFrom ? gte(communications.createdAt, new Date(query.createdAtFrom)) : undefined,
    query.createdAtTo ? lte(communications.createdAt, new Date(query.createdAtTo)) : undefined,
    query.durationSecondsMin === undefined ? undefined : gte(communications.durationSeconds, query.durationSecondsMin),
    query.durationSecondsMax === undefined ? undefined : lte(communications.durationSeconds, query.durationSecondsMax),
    query.updatedAtFrom ? gte(communications.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(communications.updatedAt, new Date(query.updatedAtTo)) : undefined,
    query.q ? ilike(communications.subject, `%${escapeLike(query.q)}%`) : undefined,
  );
  const rows = await db
    .select()
    .from(communications)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(communications, filter) : undefined;
  return {
    data: page.rows.map(toCommunication),
    nextCursor: page.nextCursor,
    ...(total === undefined ? {} : { total }),
  };
}

export async function findVisibleCommunication(
  db: Db,
  viewer: Viewer,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<CommunicationRow | undefined> {
  const [row] = await db
    .select()
    .from(communications)
    .where(
      allOf(
        eq(communications.id, id),
        visibleCommunications(viewer),
        options.includeDeleted ? undefined : isNull(communications.deletedAt),
      ),
    );
  return row;
}

export async function insertCommunication(db: Db, row: typeof communications.$inferInsert): Promise<CommunicationRow> {
  const [inserted] = await db.insert(communications).values(row).returning();
  return inserted as CommunicationRow;
}
