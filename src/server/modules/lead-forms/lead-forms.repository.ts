import { and, eq, gte, ilike, isNull, lte, sql } from 'drizzle-orm';
import type { LeadForm, ListLeadFormsQuery } from '../../../shared/contracts/lead-forms.js';
import { type Db, queryRows } from '../../db/client.js';
import { leadForms } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { escapeLike } from '../users/users.repository.js';

export type LeadFormRow = typeof leadForms.$inferSelect;

export function toLeadForm(row: LeadFormRow): LeadForm {
  return {
    id: row.id,
    name: row.name,
    key: row.key,
    active: row.active,
    source: row.source as LeadForm['source'],
    assignment: row.assignment as LeadForm['assignment'],
    ownerId: row.ownerId,
    redirectUrl: row.redirectUrl,
    submissionCount: row.submissionCount,
    lastSubmissionAt: row.lastSubmissionAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const formSorts: SortFields<LeadFormRow> = {
  name: { expression: leadForms.name, type: 'text', value: (row) => row.name },
  updatedAt: { expression: leadForms.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
};

export async function listLeadFormRows(db: Db, query: ListLeadFormsQuery) {
  const keyset = keysetPage({
    fields: formSorts,
    sort: query.sort,
    defaultSort: 'name',
    cursor: query.cursor,
    idColumn: leadForms.id,
  });
  const filter = allOf(
    isNull(leadForms.deletedAt),
    query.active === undefined ? undefined : eq(leadForms.active, query.active),
    query.updatedAtFrom ? gte(leadForms.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(leadForms.updatedAt, new Date(query.updatedAtTo)) : undefined,
    query.q ? ilike(leadForms.name, `%${escapeLike(query.q)}%`) : undefined,
  );
  const rows = await db
    .select()
    .from(leadForms)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(leadForms, filter) : undefined;
  return { data: page.rows.map(toLeadForm), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

export async function findLeadForm(db: Db, id: string, options: { includeDeleted?: boolean } = {}) {
  const [row] = await db
    .select()
    .from(leadForms)
    .where(allOf(eq(leadForms.id, id), options.includeDeleted ? undefined : isNull(leadForms.deletedAt)));
  return row;
}

/** The live, active form with this public key. */
export async function findActiveFormByKey(db: Db, key: string) {
  const [row] = await db
    .select()
    .from(leadForms)
    .where(and(eq(leadForms.key, key), eq(leadForms.active, true), isNull(leadForms.deletedAt)));
  return row;
}

export async function insertLeadForm(db: Db, row: typeof leadForms.$inferInsert): Promise<LeadFormRow> {
  const [inserted] = await db.insert(leadForms).values(row).returning();
  return inserted as LeadFormRow;
}

/** Counts a submission: the form's statistics, not a change of the form (no new version). */
export async function countSubmission(db: Db, id: string): Promise<void> {
  await db
    .update(leadForms)
    .set({
      submissionCount: sql`${leadForms.submissionCount} + 1`,
      lastSubmissionAt: sql`date_trunc('milliseconds', now())`,
    })
    .where(eq(leadForms.id, id));
}

/**
 * The active rep of a territory who was given a lead least recently (never first), so a territory's
 * inquiries go round its reps in turn; null when the territory has none.
 */
export async function findNextRepOfTerritory(db: Db, territoryId: string): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`select u.id from users u
      where u.role = 'rep' and u.active and u.deleted_at is null and ${territoryId}::uuid = any(u.territory_ids)
      order by (select max(l.created_at) from leads l where l.owner_id = u.id) asc nulls first, u.id
      limit 1`,
  );
  return row?.id ?? null;
}
