import { and, eq, gte, ilike, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { EmailTemplate, ListEmailTemplatesQuery } from '../../../shared/contracts/email-templates.js';
import type { Db } from '../../db/client.js';
import { emailTemplates } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { resolvePeople, type Viewer } from '../../platform/viewer.js';
import { ownedOrShared } from '../../platform/visibility.js';
import { escapeLike } from '../users/users.repository.js';

export type EmailTemplateRow = typeof emailTemplates.$inferSelect;

export function toEmailTemplate(row: EmailTemplateRow): EmailTemplate {
  return {
    id: row.id,
    name: row.name,
    subject: row.subject,
    body: row.body,
    shared: row.shared,
    ownerId: row.ownerId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const visibleTemplates = (viewer: Viewer) => ownedOrShared(viewer, emailTemplates);

const templateSorts: SortFields<EmailTemplateRow> = {
  name: { expression: emailTemplates.name, type: 'text', value: (row) => row.name },
  updatedAt: { expression: emailTemplates.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
};

export async function listEmailTemplateRows(db: Db, viewer: Viewer, query: ListEmailTemplatesQuery) {
  const keyset = keysetPage({
    fields: templateSorts,
    sort: query.sort,
    defaultSort: 'name',
    cursor: query.cursor,
    idColumn: emailTemplates.id,
  });
  const text = query.q ? `%${escapeLike(query.q)}%` : undefined;
  const filter = allOf(
    isNull(emailTemplates.deletedAt),
    visibleTemplates(viewer),
    query.shared === undefined ? undefined : eq(emailTemplates.shared, query.shared),
    query.ownerId ? inArray(emailTemplates.ownerId, resolvePeople(query.ownerId, viewer)) : undefined,
    query.updatedAtFrom ? gte(emailTemplates.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(emailTemplates.updatedAt, new Date(query.updatedAtTo)) : undefined,
    text ? or(ilike(emailTemplates.name, text), ilike(emailTemplates.subject, text)) : undefined,
  );
  const rows = await db
    .select()
    .from(emailTemplates)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(emailTemplates, filter) : undefined;
  return {
    data: page.rows.map(toEmailTemplate),
    nextCursor: page.nextCursor,
    ...(total === undefined ? {} : { total }),
  };
}

export async function findVisibleEmailTemplate(
  db: Db,
  viewer: Viewer,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<EmailTemplateRow | undefined> {
  const [row] = await db
    .select()
    .from(emailTemplates)
    .where(
      and(
        eq(emailTemplates.id, id),
        options.includeDeleted ? undefined : isNull(emailTemplates.deletedAt),
        visibleTemplates(viewer),
      ),
    );
  return row;
}

export async function insertEmailTemplate(db: Db, row: typeof emailTemplates.$inferInsert): Promise<EmailTemplateRow> {
  const [inserted] = await db.insert(emailTemplates).values(row).returning();
  return inserted as EmailTemplateRow;
}
