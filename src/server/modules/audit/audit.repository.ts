import { gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { AuditEntry, ListAuditQuery } from '../../../shared/contracts/audit.js';
import type { Db } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';

type AuditRow = typeof auditLog.$inferSelect;

export async function insertAuditRow(db: Db, row: typeof auditLog.$inferInsert): Promise<void> {
  await db.insert(auditLog).values(row);
}

const auditSorts: SortFields<AuditRow> = {
  occurredAt: { expression: auditLog.occurredAt, type: 'timestamptz', value: (row) => row.occurredAt },
};

/** Unscoped by visibility on purpose: the audit trail is an admin-only view (the service checks the role). */
export async function listAuditRowsForAdmin(db: Db, query: ListAuditQuery) {
  const keyset = keysetPage({
    fields: auditSorts,
    sort: query.sort,
    defaultSort: '-occurredAt',
    cursor: query.cursor,
    idColumn: auditLog.id,
  });
  const filter = allOf(
    query.entity ? inArray(auditLog.entity, query.entity) : undefined,
    query.entityId ? inArray(auditLog.entityId, query.entityId) : undefined,
    query.actorId ? inArray(auditLog.actorId, query.actorId) : undefined,
    query.action ? inArray(auditLog.action, query.action) : undefined,
    query.occurredAtFrom ? gte(auditLog.occurredAt, new Date(query.occurredAtFrom)) : undefined,
    query.occurredAtTo ? lte(auditLog.occurredAt, new Date(query.occurredAtTo)) : undefined,
  );
  const rows = await db
    .select()
    .from(auditLog)
    .where(allOf(filter, keyset.after) as SQL)
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(auditLog, filter) : undefined;
  return { data: page.rows.map(toAuditEntry), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    actorId: row.actorId,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: (row.before as Record<string, unknown> | null) ?? null,
    after: (row.after as Record<string, unknown> | null) ?? null,
    requestId: row.requestId,
    occurredAt: row.occurredAt.toISOString(),
  };
}
