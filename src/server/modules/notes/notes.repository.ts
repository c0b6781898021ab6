import { eq, gte, ilike, inArray, isNull, lte, type SQL } from 'drizzle-orm';
import type { ListNotesQuery, Note } from '../../../shared/contracts/notes.js';
import type { Db } from '../../db/client.js';
import { notes } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { linkConditions, visibleLinkedRecords } from '../../platform/record-links.js';
import type { Viewer } from '../../platform/viewer.js';
import { escapeLike } from '../users/users.repository.js';
import { renderNoteMarkdown } from './markdown.js';

export type NoteRow = typeof notes.$inferSelect;

/** The stored Markdown is answered as written; bodyHtml is rendered and sanitised on every read. */
export function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    body: row.body,
    bodyHtml: renderNoteMarkdown(row.body),
    pinned: row.pinned,
    authorId: row.authorId,
    accountId: row.accountId,
    contactId: row.contactId,
    leadId: row.leadId,
    opportunityId: row.opportunityId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** A note is visible when the viewer's team wrote it or a record it is linked to is visible. */
export function visibleNotes(viewer: Viewer): SQL | undefined {
  return visibleLinkedRecords(viewer, notes);
}

const noteSorts: SortFields<NoteRow> = {
  createdAt: { expression: notes.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
  updatedAt: { expression: notes.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
};

export async function listNotes(db: Db, viewer: Viewer, query: ListNotesQuery) {
  const keyset = keysetPage({
    fields: noteSorts,
    sort: query.sort,
    defaultSort: '-createdAt',
    cursor: query.cursor,
    idColumn: notes.id,
  });
  const filter = allOf(
    isNull(notes.deletedAt),
    visibleNotes(viewer),
    query.authorId ? inArray(notes.authorId, query.authorId) : undefined,
    query.pinned === undefined ? undefined : eq(notes.pinned, query.pinned),
    ...linkConditions(notes, query),
    query.createdAtFrom ? gte(notes.createdAt, new Date(query.createdAtFrom)) : undefined,
    query.createdAtTo ? lte(notes.createdAt, new Date(query.createdAtTo)) : undefined,
    query.updatedAtFrom ? gte(notes.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(notes.updatedAt, new Date(query.updatedAtTo)) : undefined,
    query.q ? ilike(notes.body, `%${escapeLike(query.q)}%`) : undefined,
  );
  const rows = await db
    .select()
    .from(notes)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(notes, filter) : undefined;
  return { data: page.rows.map(toNote), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

export async function findVisibleNote(
  db: Db,
  viewer: Viewer,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<NoteRow | undefined> {
  const [row] = await db
    .select()
    .from(notes)
    .where(allOf(eq(notes.id, id), visibleNotes(viewer), options.includeDeleted ? undefined : isNull(notes.deletedAt)));
  return row;
}

export async function insertNote(db: Db, row: typeof notes.$inferInsert): Promise<NoteRow> {
  const [inserted] = await db.insert(notes).values(row).returning();
  return inserted as NoteRow;
}
